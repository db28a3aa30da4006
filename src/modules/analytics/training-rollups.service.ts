import { Injectable, Logger } from '@nestjs/common';
import { RequestContext } from '../../common/http/request-context';
import { UsersService } from '../users/users.service';
import {
  BucketTotalsRow,
  DayRange,
  SeriesResolution,
  SessionBestRollupRow,
  StreaksRow,
  TrainingRollupsRepository,
} from './rollups/training-rollups.repository';
import { WeeklyCountsRow } from './training-figures.vocabulary';

export type {
  BucketTotalsRow,
  DayRange,
  SeriesResolution,
  SessionBestRollupRow,
  StreaksRow,
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
 * rebuild refreshes everything, and every read first compares the rollups' history version
 * and time zone with the workouts' and the user's, catching up inline when they differ. So an
 * answer is never stale, whatever the worker's backlog; the subscribers only keep reads cheap.
 * The comparison is made once per request or job (a report reads several figures).
 */
@Injectable()
export class TrainingRollupsService {
  private readonly logger = new Logger(TrainingRollupsService.name);
  /** Per request or job (RequestContext.scope), per user: the check already made. */
  private readonly checked = new WeakMap<object, Map<string, Promise<RollupFreshness>>>();

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
   * promise (the caller's preferences being read meanwhile, on another connection). Checked
   * once per request or job: later reads of the same one reuse the answer.
   */
  async ensureFresh(
    userId: string,
    userTimeZone: string | Promise<string>,
  ): Promise<RollupFreshness> {
    const scope = RequestContext.scope();
    const earlier = scope && this.checked.get(scope)?.get(userId);
    if (earlier) {
      const [freshness, timeZone] = await Promise.all([earlier, userTimeZone]);
      if (freshness.timeZone === timeZone) return freshness;
    }
    const check = this.check(userId, userTimeZone);
    if (scope) {
      const checks = this.checked.get(scope) ?? new Map<string, Promise<RollupFreshness>>();
      this.checked.set(scope, checks.set(userId, check));
      // A failed check is not reused: the next read tries again.
      check.catch(() => checks.get(userId) === check && checks.delete(userId));
    }
    return check;
  }

  /** One freshness read; when behind, one refresh, whose written state is the answer. */
  private async check(
    userId: string,
    userTimeZone: string | Promise<string>,
  ): Promise<RollupFreshness> {
    const [state, timeZone] = await Promise.all([this.rollups.freshness(userId), userTimeZone]);
    if (state.inStep && state.timeZone === timeZone && state.refreshedAt !== null) {
      return { timeZone, refreshedAt: state.refreshedAt.toISOString(), caughtUp: false };
    }
    this.logger.debug(`rollups of ${userId} behind: caught up by the read`);
    const written = await this.rollups.refresh(userId, timeZone, null);
    return { timeZone, refreshedAt: written.refreshedAt.toISOString(), caughtUp: true };
  }

  // Reads for the progress module, after ensureFresh (the repository is the analytics
  // module's own; the SQL and its indexes are described there).

  /** Every ISO week touching the range, with its days' workouts, sets and volume (kg). */
  weeklyTotals(userId: string, range: DayRange): Promise<BucketTotalsRow[]> {
    return this.rollups.weeklyTotals(userId, range);
  }

  /** Workouts per ISO week reduced to the total, weeks trained and weeks meeting the target. */
  weeklyCounts(userId: string, range: DayRange, target: number | null): Promise<WeeklyCountsRow> {
    return this.rollups.weeklyCounts(userId, range, target);
  }

  /** The four streaks (weeks and days, current and longest) up to `lastDay`: one statement. */
  streaks(userId: string, lastDay: string): Promise<StreaksRow> {
    return this.rollups.streaks(userId, lastDay);
  }

  /** The best set of each session (or of each week's best session) of one exercise. */
  sessionBests(
    userId: string,
    exerciseId: string,
    range: DayRange,
    resolution: SeriesResolution = 'session',
  ): Promise<SessionBestRollupRow[]> {
    return this.rollups.sessionBests(userId, exerciseId, range, resolution);
  }
}
