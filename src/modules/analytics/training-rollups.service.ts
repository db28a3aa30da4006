import { Injectable, Logger } from '@nestjs/common';
import { UsersService } from '../users/users.service';
import {
  BucketTotalsRow,
  DayRange,
  ExerciseStrengthRollupRow,
  ExerciseTotalsRow,
  SessionBestRollupRow,
  StrengthWindowDays,
  TrainingRollupsRepository,
} from './rollups/training-rollups.repository';
import { StreakRow, WeeklyCountsRow } from './training-figures.vocabulary';

export type {
  BucketTotalsRow,
  DayRange,
  ExerciseStrengthRollupRow,
  ExerciseTotalsRow,
  SessionBestRollupRow,
  StrengthWindowDays,
} from './rollups/training-rollups.repository';
export type { StreakRow, WeeklyCountsRow } from './training-figures.vocabulary';

/**
 * How far back a workout event reaches into the rollups: records are reconciled for every
 * session that ended after the changed one's end, and a session may run for days (paused),
 * so the sessions started this long before the earliest instant in the event are rebuilt too.
 */
export const REFRESH_MARGIN_MS = 7 * 24 * 3_600_000;

/** The freshness of the rollups an answer was read from (docs/analytics.md, "Freshness"). */
export interface RollupFreshness {
  /** The time zone the rollups cut days and weeks in: the user's, at the time of the read. */
  timeZone: string;
  /** When the rollups were last refreshed (ISO 8601). */
  refreshedAt: string;
  /** The read found them behind the workouts and caught them up itself before answering. */
  caughtUp: boolean;
}

/**
 * Keeps the analytics rollups (per session, per session and exercise, per ISO week) in step
 * with the completed workouts: the subscribers refresh from the event's earliest instant, a
 * rebuild refreshes everything, and every read first compares the rollups' fingerprint and
 * time zone with the workouts' and the user's, catching up inline when they differ. So an
 * answer is never stale, whatever the worker's backlog; the subscribers only keep reads cheap.
 */
@Injectable()
export class TrainingRollupsService {
  private readonly logger = new Logger(TrainingRollupsService.name);

  constructor(
    private readonly rollups: TrainingRollupsRepository,
    private readonly users: UsersService,
  ) {}

  /**
   * After a workout event: rebuilds the user's sessions started from `REFRESH_MARGIN_MS`
   * before the earliest of `instants` on (all of them after a time zone change).
   */
  async refreshFrom(userId: string, instants: readonly string[]): Promise<void> {
    const { timeZone } = await this.users.preferencesOf(userId);
    const earliest = Math.min(...instants.map((instant) => Date.parse(instant)));
    await this.rollups.refresh(userId, timeZone, new Date(earliest - REFRESH_MARGIN_MS));
  }

  /** Rebuilds all of the user's rollups (the rebuild command; idempotent). */
  async rebuild(userId: string): Promise<void> {
    const { timeZone } = await this.users.preferencesOf(userId);
    await this.rollups.refresh(userId, timeZone, null);
  }

  /**
   * Before a read: the rollups match the user's completed workouts and time zone, or are
   * rebuilt now (under the same per-user lock the subscribers take). The time zone may be a
   * promise (the caller's preferences being read meanwhile).
   */
  async ensureFresh(
    userId: string,
    userTimeZone: string | Promise<string>,
  ): Promise<RollupFreshness> {
    // The state is read while the caller's preferences are (one round trip of latency).
    const [state, timeZone] = await Promise.all([this.rollups.freshness(userId), userTimeZone]);
    if (
      state.fingerprint === state.current &&
      state.timeZone === timeZone &&
      state.refreshedAt !== null
    ) {
      return { timeZone, refreshedAt: state.refreshedAt.toISOString(), caughtUp: false };
    }
    this.logger.debug(`rollups of ${userId} behind: caught up by the read`);
    await this.rollups.refresh(userId, timeZone, null);
    const after = await this.rollups.freshness(userId);
    return {
      timeZone,
      refreshedAt: (after.refreshedAt ?? new Date()).toISOString(),
      caughtUp: true,
    };
  }

  // Reads for the progress routes (after ensureFresh; definitions in the repository).

  /** Every ISO week touching the range, with its days' workouts, sets and volume (kg). */
  weeklyTotals(userId: string, range: DayRange): Promise<BucketTotalsRow[]> {
    return this.rollups.weeklyTotals(userId, range);
  }

  /** Counted sets and volume (exact, as text) per exercise trained in the range. */
  exerciseTotals(userId: string, range: DayRange): Promise<ExerciseTotalsRow[]> {
    return this.rollups.exerciseTotals(userId, range);
  }

  /** Workouts per ISO week reduced to the total, weeks trained and weeks meeting the target. */
  weeklyCounts(userId: string, range: DayRange, target: number | null): Promise<WeeklyCountsRow> {
    return this.rollups.weeklyCounts(userId, range, target);
  }

  /** Week or day streaks up to `lastDay` over the whole history. */
  streak(userId: string, lastDay: string, unit: 'week' | 'day'): Promise<StreakRow> {
    return this.rollups.streak(userId, lastDay, unit);
  }

  /** Per exercise with an e1RM in the range: its session bests reduced to the windows. */
  strengthByExercise(
    userId: string,
    range: DayRange,
    readFrom: string,
    windows: StrengthWindowDays,
  ): Promise<ExerciseStrengthRollupRow[]> {
    return this.rollups.strengthByExercise(userId, range, readFrom, windows);
  }

  /** The best set of each session of one exercise in the range, oldest first. */
  sessionBests(
    userId: string,
    exerciseId: string,
    range: DayRange,
  ): Promise<SessionBestRollupRow[]> {
    return this.rollups.sessionBests(userId, exerciseId, range);
  }
}
