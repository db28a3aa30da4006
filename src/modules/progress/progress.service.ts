import { Injectable } from '@nestjs/common';
import { localDate } from '../../common/time/local-date';
import { fromKilograms, WeightUnit } from '../../common/units/weight-unit';
import { ExercisesService } from '../exercises/exercises.service';
import { Muscle } from '../training/exercise-attributes.vocabulary';
import { TrainingRollupsService } from '../analytics/training-rollups.service';
import { SetType } from '../training/set-type.vocabulary';
import { UsersService } from '../users/users.service';
import {
  ProgressPeriodDto,
  SessionE1rmDto,
  StrengthSeriesDto,
  StrengthSummaryDto,
  TrainingAnalyticsDto,
  VolumeDto,
} from './dto/progress.dto';
import {
  ProgressPeriodQueryDto,
  SeriesResolution,
  StrengthSeriesQueryDto,
  TrainingAnalyticsQueryDto,
} from './dto/progress-query.dto';
import { changeOf, strengthWindows, weeksEndingOn } from './progress-period';
import { LocalPeriod, ProgressRepository, SessionBestRow } from './progress.repository';

interface ResolvedPeriod {
  period: LocalPeriod;
  unit: WeightUnit;
  /** The echo every answer starts with. */
  header: ProgressPeriodDto;
}

/**
 * Strength, volume and training analytics from the user's completed workouts (definitions in
 * docs/progress.md). Days and weeks are the user's (preferences time zone), weights in their
 * unit. The figures are read from the analytics rollups (docs/analytics.md), brought in step
 * with the workouts first; the repository adds names and muscles; this class resolves
 * periods, converts and derives.
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly progress: ProgressRepository,
    private readonly users: UsersService,
    private readonly exercises: ExercisesService,
    private readonly rollups: TrainingRollupsService,
  ) {}

  /** Per exercise trained in the period: current e1RM and its change over 4 and 12 weeks. */
  async strength(userId: string, query: ProgressPeriodQueryDto): Promise<StrengthSummaryDto> {
    const { period, unit, header } = await this.resolve(userId, query);
    const windows = strengthWindows(period.lastDay);
    // Read back far enough for the 12-week baseline even when the period is shorter.
    const readFrom =
      windows.change12w.firstDay < period.firstDay ? windows.change12w.firstDay : period.firstDay;
    const rows = await this.progress.strengthByExercise(userId, period, readFrom, {
      recentFrom: windows.recent.firstDay,
      change4wFrom: windows.change4w.firstDay,
      change4wTo: windows.change4w.lastDay,
      change12wFrom: windows.change12w.firstDay,
      change12wTo: windows.change12w.lastDay,
    });
    const weight = (kg: number) => fromKilograms(kg, unit);
    const optionalWeight = (kg: number | null) => (kg === null ? null : weight(kg));
    return {
      ...header,
      exercises: rows.map((row) => {
        const current = weight(row.recentBestKg ?? row.latestSessionBestKg);
        return {
          exerciseId: row.exerciseId,
          name: row.name,
          sessions: row.sessions,
          lastTrained: row.lastTrained,
          currentE1rm: current,
          change4w: changeOf(current, optionalWeight(row.baseline4wKg)),
          change12w: changeOf(current, optionalWeight(row.baseline12wKg)),
        };
      }),
    };
  }

  /**
   * The e1RM of each session of one exercise (its best set), or of each week's best session
   * (`resolution`, by default). The exercise must be one the user can see (404 otherwise), as
   * everywhere else an exercise id is accepted.
   */
  async strengthSeries(
    userId: string,
    exerciseId: string,
    query: StrengthSeriesQueryDto,
  ): Promise<StrengthSeriesDto> {
    // The visibility check rides along the preferences and freshness reads.
    const [exercise, { period, unit, header }] = await Promise.all([
      this.exercises.findVisible(userId, exerciseId),
      this.resolve(userId, query),
    ]);
    const resolution = query.resolution ?? SeriesResolution.Week;
    const rows: SessionBestRow[] = (
      await this.rollups.sessionBests(userId, exerciseId, period, resolution)
    ).map((row) => ({ ...row, setType: row.setType as SetType }));
    const series = rows.map((row) => toSessionE1rm(row, unit));
    // By week too, the best point is the best session: each week keeps its best.
    const best = series.reduce<SessionE1rmDto | null>(
      (top, point) => (top === null || point.e1rm > top.e1rm ? point : top),
      null,
    );
    return { ...header, exerciseId, name: exercise.name, best, resolution, series };
  }

  /** Volume per ISO week and per muscle group over the period. */
  async volume(userId: string, query: ProgressPeriodQueryDto): Promise<VolumeDto> {
    const { period, unit, header } = await this.resolve(userId, query);
    const [totals, muscles] = await Promise.all([
      this.rollups.weeklyTotals(userId, period),
      this.progress.muscleVolume(userId, period),
    ]);
    const weeks = totals.map((week) => ({ ...week, weekStart: week.start }));
    const weight = (kg: number) => fromKilograms(kg, unit);
    return {
      ...header,
      totalVolume: weight(weeks.reduce((sum, week) => sum + week.volumeKg, 0)),
      weeks: weeks.map((week) => ({
        weekStart: week.weekStart,
        workouts: week.workouts,
        sets: week.sets,
        volume: weight(week.volumeKg),
      })),
      muscles: muscles.map((row) => ({
        muscle: row.muscle as Muscle,
        sets: row.sets,
        volume: weight(row.volumeKg),
      })),
    };
  }

  /** Frequency, consistency and streaks (docs/progress.md). */
  async analytics(userId: string, query: TrainingAnalyticsQueryDto): Promise<TrainingAnalyticsDto> {
    const { period, header } = await this.resolve(userId, query);
    const [counts, streaks] = await Promise.all([
      this.rollups.weeklyCounts(userId, period, query.targetPerWeek ?? null),
      this.rollups.streaks(userId, period.lastDay),
    ]);
    const round2 = (value: number) => Math.round(value * 100) / 100;
    return {
      ...header,
      weeks: query.weeks,
      workouts: counts.workouts,
      frequency: round2(counts.workouts / query.weeks),
      activeWeeks: counts.activeWeeks,
      targetPerWeek: counts.targetPerWeek,
      weeksMeetingTarget: counts.weeksMeetingTarget,
      consistency: round2(counts.weeksMeetingTarget / query.weeks),
      streaks,
    };
  }

  /**
   * The user's unit, time zone and period, with the rollups brought in step: the preferences
   * and the rollups' state are read at once (two connections, one round trip).
   */
  private async resolve(userId: string, query: ProgressPeriodQueryDto): Promise<ResolvedPeriod> {
    const preferences = this.users.preferencesOf(userId);
    const [{ weightUnit, timeZone }] = await Promise.all([
      preferences,
      this.rollups.ensureFresh(
        userId,
        preferences.then((p) => p.timeZone),
      ),
    ]);
    const days = weeksEndingOn(query.endDate ?? localDate(timeZone), query.weeks);
    return {
      period: { userId, timeZone, ...days },
      unit: weightUnit,
      header: { unit: weightUnit, timeZone, from: days.firstDay, to: days.lastDay },
    };
  }
}

function toSessionE1rm(row: SessionBestRow, unit: WeightUnit): SessionE1rmDto {
  return {
    workoutId: row.workoutId,
    date: row.date,
    e1rm: fromKilograms(row.e1rmKg, unit),
    bestSet: { weight: fromKilograms(row.weightKg, unit), reps: row.reps, setType: row.setType },
    sets: row.sets,
  };
}
