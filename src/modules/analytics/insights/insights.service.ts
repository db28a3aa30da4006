import { Injectable } from '@nestjs/common';
import { assertValid } from '../../../common/errors/domain-errors';
import { addDays, localDate } from '../../../common/time/local-date';
import { LocalDayRange } from '../../../common/time/local-day-range';
import { fromKilograms } from '../../../common/units/weight-unit';
import { UsersService } from '../../users/users.service';
import { AnalyticsPeriod, periodErrors, periodOrDefault } from '../analytics-period';
import { InsightsDto } from './dto/insights.dto';
import {
  analyse,
  FDR,
  JOURNAL_LOOKBACK_DAYS,
  MIN_GROUP_DAYS,
  TRAINING_LOOKBACK_DAYS,
} from './insights.analysis';
import { InsightsRepository, JournalDayRow, TrainingDayRow } from './insights.repository';
import { PERMUTATION_SEED, PERMUTATIONS, ROBUST_Z_THRESHOLD } from './statistics';

/**
 * The default period: the 90 days ending `to`, not the other analytics routes' 28 (the route's
 * documented default). Every other period rule is theirs (analytics-period.ts).
 */
export const INSIGHTS_DEFAULT_PERIOD_DAYS = 90;

export type { JournalDayRow, TrainingDayRow } from './insights.repository';

/** The per-day series of a range: journal days and training days (only days with rows). */
export interface MoodAndTrainingDays {
  /** Days with an entry: mean mood and energy (null when no entry has one), tags, types. */
  journal: JournalDayRow[];
  /** Days with a completed session: sessions and their total volume in kg. */
  training: TrainingDayRow[];
}

/** The route's field names, for the field errors of its period. */
const ROUTE_FIELDS = { from: 'startDate', to: 'endDate' };

/**
 * Grounded insights from the user's journal and training (docs/insights.md): per-day
 * aggregates from SQL, statistics in insights.analysis.ts. Used by GET /analytics/insights and
 * by the reports; the signature of `insights` is stable.
 */
@Injectable()
export class AnalyticsInsightsService {
  constructor(
    private readonly repository: InsightsRepository,
    private readonly users: UsersService,
  ) {}

  /**
   * The journal and training of each local day of `range` (both inclusive), grouped in SQL:
   * what other modules chart or quote per day (the reports' mood-vs-training chart, the chat
   * coach's mood question) without paging through entries and workouts. `range` is a span of
   * days or the `lastDays` days ending today. Days are those of `timeZone`, the user's by
   * default (a report keeps the zone it was made in).
   */
  async moodAndTrainingDays(
    userId: string,
    range: LocalDayRange | { lastDays: number },
    timeZone?: string,
  ): Promise<MoodAndTrainingDays> {
    const zone = timeZone ?? (await this.users.preferencesOf(userId)).timeZone;
    const lastDay = 'lastDays' in range ? localDate(zone) : range.lastDay;
    const firstDay = 'lastDays' in range ? addDays(lastDay, -(range.lastDays - 1)) : range.firstDay;
    const days = { userId, timeZone: zone, firstDay, lastDay };
    const [journal, training] = await Promise.all([
      this.repository.journalDays(days),
      this.repository.trainingDays(days),
    ]);
    return { journal, training };
  }

  /**
   * Insights and anomalies of `period` (`YYYY-MM-DD`, both inclusive, in the user's time
   * zone; without `to`, today there; without `from`, the INSIGHTS_DEFAULT_PERIOD_DAYS days
   * ending `to`). 400 if `from` is after `to` or the period is longer than three years (the
   * analytics periods' rules).
   */
  async insights(userId: string, period: Partial<AnalyticsPeriod>): Promise<InsightsDto> {
    // One read of the preferences: the default period's "today" and the answer's units.
    const { timeZone, weightUnit } = await this.users.preferencesOf(userId);
    const { from, to } = periodOrDefault(period, localDate(timeZone), INSIGHTS_DEFAULT_PERIOD_DAYS);
    assertValid(periodErrors({ from, to }, ROUTE_FIELDS));
    const [journal, training] = await Promise.all([
      this.repository.journalDays({
        userId,
        timeZone,
        firstDay: addDays(from, -JOURNAL_LOOKBACK_DAYS),
        lastDay: to,
      }),
      this.repository.trainingDays({
        userId,
        timeZone,
        firstDay: addDays(from, -TRAINING_LOOKBACK_DAYS),
        lastDay: to,
      }),
    ]);
    const analysis = analyse({ firstDay: from, lastDay: to, journal, training });
    const weight = (kg: number) => fromKilograms(kg, weightUnit);
    return {
      from,
      to,
      timeZone,
      unit: weightUnit,
      method: {
        tested: analysis.tested,
        permutations: PERMUTATIONS,
        seed: PERMUTATION_SEED,
        fdr: FDR,
        minGroupDays: MIN_GROUP_DAYS,
        anomalyThreshold: -ROBUST_Z_THRESHOLD,
      },
      insights: analysis.insights,
      anomalies: analysis.anomalies.map((anomaly) => {
        if (anomaly.kind !== 'low_session_volume') return anomaly;
        const value = weight(anomaly.value);
        const baselineMedian = weight(anomaly.baselineMedian);
        return {
          ...anomaly,
          value,
          baselineMedian,
          baselineMad: weight(anomaly.baselineMad),
          statement:
            `Your training volume on ${anomaly.date} (${value} ${weightUnit}) was far below ` +
            `your usual ${baselineMedian} ${weightUnit} over your previous ` +
            `${anomaly.baselineDays} training days (robust z = ${anomaly.robustZ}, threshold ` +
            `−${ROBUST_Z_THRESHOLD}).`,
        };
      }),
    };
  }
}
