import { Injectable } from '@nestjs/common';
import { assertValid } from '../../common/errors/domain-errors';
import { FieldError } from '../../common/errors/problem-details';
import { daysBetween, localDate } from '../../common/time/local-date';
import { fromKilograms, WeightUnit } from '../../common/units/weight-unit';
import { BodyTrendsService } from '../body-metrics/body-trends.service';
import { EntriesService } from '../entries/entries.service';
import { GoalsService } from '../goals/goals.service';
import { UsersService } from '../users/users.service';
import {
  AnalyticsPeriod,
  parsePeriod,
  periodErrors,
  periodOrDefault,
  previousPeriod,
  toRange,
} from './analytics-period';
import {
  AnalyticsChangeDto,
  AnalyticsChangesDto,
  AnalyticsCompareDto,
  AnalyticsFrequencyDto,
  AnalyticsOverviewDto,
  AnalyticsPeriodFiguresDto,
  AnalyticsVolumeDto,
} from './dto/analytics.dto';
import { VolumeBucket } from './dto/analytics-query.dto';
import { TrainingRollupsRepository } from './rollups/training-rollups.repository';
import { RollupFreshness, TrainingRollupsService } from './training-rollups.service';

export type { AnalyticsPeriod } from './analytics-period';

/** A route's period as sent: `startDate`/`endDate`, either may be missing. */
interface RoutePeriod {
  startDate?: string;
  endDate?: string;
}

/** The route's field names, for the field errors of its period. */
const ROUTE_FIELDS = { from: 'startDate', to: 'endDate' };

/** A route's period with its defaults (the last 28 days ending today in the user's zone). */
function routePeriod(query: RoutePeriod, timeZone: string): AnalyticsPeriod {
  const period = periodOrDefault({ from: query.startDate, to: query.endDate }, localDate(timeZone));
  assertValid(periodErrors(period, ROUTE_FIELDS));
  return period;
}

/** A volume query: a period and its buckets. */
export interface AnalyticsVolumePeriod extends AnalyticsPeriod {
  bucket: 'week' | 'month';
}

interface Reader {
  unit: WeightUnit;
  timeZone: string;
  freshness: RollupFreshness;
}

const round = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/** later − earlier (two decimals) and in % of |earlier| (one decimal; null from 0). */
export function changeBetween(later: number | null, earlier: number | null): AnalyticsChangeDto {
  if (later === null || earlier === null) return { absolute: null, percent: null };
  const absolute = round(later - earlier, 2);
  return {
    absolute,
    percent: earlier === 0 ? null : round(((later - earlier) / Math.abs(earlier)) * 100, 1),
  };
}

const FIGURES = [
  'sessions',
  'activeDays',
  'sets',
  'volume',
  'personalRecords',
  'streakWeeks',
  'streakDays',
  'bodyWeight',
  'bodyWeightChange',
  'goalsAchieved',
  'goalsActive',
  'mood',
  'energy',
] as const satisfies readonly (keyof AnalyticsChangesDto)[];

/** The change of every figure from `earlier` to `later`. */
export function changesBetween(
  later: AnalyticsPeriodFiguresDto,
  earlier: AnalyticsPeriodFiguresDto,
): AnalyticsChangesDto {
  return Object.fromEntries(
    FIGURES.map((figure) => [figure, changeBetween(later[figure], earlier[figure])]),
  ) as unknown as AnalyticsChangesDto;
}

/**
 * Analytics over periods of the user's local days (docs/analytics.md). Training figures come
 * from the analytics rollups (brought in step before each read), body weight, goals and the
 * journal from their modules' services; every aggregation runs in PostgreSQL. Weights are in
 * the user's unit. The public methods are the interface other modules (reports) use.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly rollups: TrainingRollupsService,
    private readonly reads: TrainingRollupsRepository,
    private readonly users: UsersService,
    private readonly bodyTrends: BodyTrendsService,
    private readonly goals: GoalsService,
    private readonly entries: EntriesService,
  ) {}

  /**
   * Every figure of `period` (ISO dates, inclusive, in the user's time zone) and of the period
   * of equal length before it, with their changes. An invalid period is a 400 on `from`/`to`.
   */
  async overview(userId: string, period: AnalyticsPeriod): Promise<AnalyticsOverviewDto> {
    assertValid(periodErrors(period));
    return this.overviewFor(userId, await this.reader(userId), period);
  }

  /** The overview route: `startDate`/`endDate` as sent (defaults in the user's time zone). */
  async overviewOf(userId: string, query: RoutePeriod): Promise<AnalyticsOverviewDto> {
    const reader = await this.reader(userId);
    const period = routePeriod(query, reader.timeZone);
    return this.overviewFor(userId, reader, period);
  }

  private async overviewFor(
    userId: string,
    reader: Reader,
    period: AnalyticsPeriod,
  ): Promise<AnalyticsOverviewDto> {
    const [current, previous] = await this.figures(userId, reader, [
      period,
      previousPeriod(period),
    ]);
    return {
      unit: reader.unit,
      timeZone: reader.timeZone,
      current,
      previous,
      change: changesBetween(current, previous),
      freshness: this.freshnessOf(reader),
    };
  }

  /** The same figures for two arbitrary periods, and b − a. Invalid periods: 400 on `a`/`b`. */
  async compare(
    userId: string,
    a: AnalyticsPeriod,
    b: AnalyticsPeriod,
  ): Promise<AnalyticsCompareDto> {
    assertValid([
      ...periodErrors(a, { from: 'a', to: 'a' }),
      ...periodErrors(b, { from: 'b', to: 'b' }),
    ]);
    const reader = await this.reader(userId);
    const [first, second] = await this.figures(userId, reader, [a, b]);
    return {
      unit: reader.unit,
      timeZone: reader.timeZone,
      a: first,
      b: second,
      difference: changesBetween(second, first),
      freshness: this.freshnessOf(reader),
    };
  }

  /** `compare` from the route's `first..last` texts (field errors on `a` and `b`). */
  compareTexts(userId: string, a: string, b: string): Promise<AnalyticsCompareDto> {
    const parsedA = parsePeriod(a, 'a');
    const parsedB = parsePeriod(b, 'b');
    const errors: FieldError[] = [...parsedA.errors, ...parsedB.errors];
    assertValid(errors);
    return this.compare(userId, parsedA.period!, parsedB.period!);
  }

  /** Sessions, sets and volume per ISO week or calendar month of the period. */
  async volume(userId: string, query: AnalyticsVolumePeriod): Promise<AnalyticsVolumeDto> {
    assertValid(periodErrors(query));
    return this.volumeFor(userId, await this.reader(userId), query);
  }

  /** The volume route: `startDate`/`endDate` as sent (defaults in the user's time zone). */
  async volumeOf(
    userId: string,
    query: RoutePeriod & { bucket: 'week' | 'month' },
  ): Promise<AnalyticsVolumeDto> {
    const reader = await this.reader(userId);
    const period = { ...routePeriod(query, reader.timeZone), bucket: query.bucket };
    return this.volumeFor(userId, reader, period);
  }

  private async volumeFor(
    userId: string,
    reader: Reader,
    query: AnalyticsVolumePeriod,
  ): Promise<AnalyticsVolumeDto> {
    const range = toRange(query);
    const rows =
      query.bucket === 'month'
        ? await this.reads.monthlyTotals(userId, range)
        : await this.reads.weeklyTotals(userId, range);
    const weight = (kg: number) => fromKilograms(kg, reader.unit);
    return {
      unit: reader.unit,
      timeZone: reader.timeZone,
      from: query.from,
      to: query.to,
      bucket: query.bucket as VolumeBucket,
      sessions: rows.reduce((sum, row) => sum + row.workouts, 0),
      sets: rows.reduce((sum, row) => sum + row.sets, 0),
      volume: weight(rows.reduce((sum, row) => sum + row.volumeKg, 0)),
      buckets: rows.map((row) => ({
        start: row.start,
        sessions: row.workouts,
        sets: row.sets,
        volume: weight(row.volumeKg),
      })),
      freshness: this.freshnessOf(reader),
    };
  }

  /** How often: sessions, days and weeks trained, per weekday, and the streaks. */
  async frequency(userId: string, period: AnalyticsPeriod): Promise<AnalyticsFrequencyDto> {
    assertValid(periodErrors(period));
    return this.frequencyFor(userId, await this.reader(userId), period);
  }

  /** The frequency route: `startDate`/`endDate` as sent (defaults in the user's time zone). */
  async frequencyOf(userId: string, query: RoutePeriod): Promise<AnalyticsFrequencyDto> {
    const reader = await this.reader(userId);
    const period = routePeriod(query, reader.timeZone);
    return this.frequencyFor(userId, reader, period);
  }

  private async frequencyFor(
    userId: string,
    reader: Reader,
    period: AnalyticsPeriod,
  ): Promise<AnalyticsFrequencyDto> {
    // One statement: the period's figures, weekdays and streaks.
    const [training] = await this.reads.periodTraining(userId, [toRange(period)]);
    const length = daysBetween(period.from, period.to) + 1;
    return {
      timeZone: reader.timeZone,
      from: period.from,
      to: period.to,
      sessions: training.sessions,
      activeDays: training.activeDays,
      activeWeeks: training.activeWeeks,
      perWeek: round((training.sessions / length) * 7, 2),
      activeDayShare: round(training.activeDays / length, 2),
      weekdays: training.weekdays.map((sessions, i) => ({ weekday: i + 1, sessions })),
      streaks: training.streaks,
      freshness: this.freshnessOf(reader),
    };
  }

  /**
   * The user's unit and time zone, and their rollups brought in step: the preferences and the
   * rollups' state are read at once (two connections, one round trip).
   */
  private async reader(userId: string): Promise<Reader> {
    const preferences = this.users.preferencesOf(userId);
    const [{ weightUnit, timeZone }, freshness] = await Promise.all([
      preferences,
      this.rollups.ensureFresh(
        userId,
        preferences.then((p) => p.timeZone),
      ),
    ]);
    return { unit: weightUnit, timeZone, freshness };
  }

  private freshnessOf(reader: Reader) {
    return { refreshedAt: reader.freshness.refreshedAt, caughtUp: reader.freshness.caughtUp };
  }

  /**
   * Every figure of each period: one statement per source (training with its streaks, body
   * weight, goals, journal), all four at once on separate connections.
   */
  private async figures(
    userId: string,
    reader: Reader,
    periods: AnalyticsPeriod[],
  ): Promise<AnalyticsPeriodFiguresDto[]> {
    const { timeZone, unit } = reader;
    const ranges = periods.map(toRange);
    const [training, weights, goals, journal] = await Promise.all([
      this.reads.periodTraining(userId, ranges),
      this.bodyTrends.weightByRange(userId, timeZone, ranges),
      this.goals.countsByRange(userId, timeZone, ranges),
      this.entries.moodAndEnergyByRange(userId, timeZone, ranges),
    ]);
    const optional = (value: number | null, decimals: number) =>
      value === null ? null : round(value, decimals);
    return periods.map((period, i) => {
      const body = weights[i];
      return {
        from: period.from,
        to: period.to,
        sessions: training[i].sessions,
        activeDays: training[i].activeDays,
        sets: training[i].sets,
        volume: fromKilograms(training[i].volumeKg, unit),
        personalRecords: training[i].records,
        streakWeeks: training[i].streaks.weeks.current,
        streakDays: training[i].streaks.days.current,
        bodyWeight: body.lastKg === null ? null : fromKilograms(body.lastKg, unit),
        bodyWeightChange:
          body.lastKg === null || body.firstKg === null
            ? null
            : fromKilograms(body.lastKg - body.firstKg, unit),
        bodyWeightReadings: body.readings,
        goalsAchieved: goals[i].achieved,
        goalsActive: goals[i].active,
        mood: optional(journal[i].mood, 2),
        moodEntries: journal[i].moodEntries,
        energy: optional(journal[i].energy, 2),
        energyEntries: journal[i].energyEntries,
      };
    });
  }
}
