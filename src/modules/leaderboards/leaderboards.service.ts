import { Injectable, Logger } from '@nestjs/common';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { JobName } from '../../infrastructure/queues/job-registry';
import { UserSummaryDto } from '../social/dto/user-summary.dto';
import { offsetOf } from '../../common/pagination/page-query.dto';
import { toPage } from '../../common/pagination/page';
import { addDays, isoWeekStart, localDate } from '../../common/time/local-date';
import { positionOf } from './board-positions';
import { dots, dotsCoefficients } from './dots';
import {
  LeaderboardSnapshotsRepository,
  MIN_REFRESH_INTERVAL_MS,
} from './leaderboard-snapshots.repository';
import {
  LeaderboardDto,
  LeaderboardQueryDto,
  LeaderboardRowDto,
  StrengthNormalisation,
} from './dto/leaderboard.dto';
import {
  BoardKey,
  LeaderboardsRepository,
  PeriodWindow,
  StrengthEntry,
} from './leaderboards.repository';
import {
  ALL_TIME,
  LeaderboardBoard,
  LeaderboardPeriod,
  LeaderboardRanking,
  LeaderboardScope,
  NO_EXERCISE,
} from './leaderboards.vocabulary';
import { confirmedBests } from './strength-confirmation';

/** Neighbours shown each side of the caller. */
const AROUND = 2;

/** The current windows of every period (UTC calendar), at `now`. */
export function currentWindows(now = new Date()): PeriodWindow[] {
  const today = localDate('UTC', now);
  const week = isoWeekStart(today);
  const month = `${today.slice(0, 8)}01`;
  const nextMonth = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 1));
  return [
    { period: LeaderboardPeriod.Week, periodStart: week, periodEnd: addDays(week, 7) },
    {
      period: LeaderboardPeriod.Month,
      periodStart: month,
      periodEnd: nextMonth.toISOString().slice(0, 10),
    },
    { period: LeaderboardPeriod.All, periodStart: ALL_TIME, periodEnd: '9999-12-31' },
  ];
}

/**
 * Leaderboards (docs/challenges.md): the worker keeps each user's entries of the current week,
 * month and all time from their workouts, and each board's rank snapshot from the entries;
 * global reads page through the snapshot, friends' boards rank the few friends on the fly.
 */
@Injectable()
export class LeaderboardsService {
  private readonly logger = new Logger(LeaderboardsService.name);

  constructor(
    private readonly boards: LeaderboardsRepository,
    private readonly snapshots: LeaderboardSnapshotsRepository,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Worker: a workout of `userId` changed (or their body weight or sex): their entries measured
   * again; the boards that changed are marked for a refresh of their snapshot.
   */
  async recompute(userId: string, now = new Date()): Promise<void> {
    const windows = currentWindows(now);
    const totals = await this.boards.writeTotals(userId, windows);
    const strength = await this.recomputeStrength(userId, windows);
    await this.changed([...totals, ...strength]);
  }

  /** Worker: the user's privacy changed: listed again or not. */
  async relist(userId: string): Promise<void> {
    await this.changed(await this.boards.relist(userId));
  }

  /**
   * Worker (the refresh job, debounced after changes and every minute): rewrites the snapshots
   * of the dirty boards that are due, prunes old snapshots, and schedules itself for the boards
   * still dirty but not yet due. Answers the boards refreshed.
   */
  async refreshDue(): Promise<number> {
    const windows = currentWindows();
    const start = (period: LeaderboardPeriod) =>
      windows.find((w) => w.period === period)!.periodStart;
    await this.snapshots.prune(start(LeaderboardPeriod.Week), start(LeaderboardPeriod.Month));
    let refreshed = 0;
    for (;;) {
      const keys = await this.snapshots.claimDue(REFRESH_BATCH);
      if (keys.length === 0) break;
      for (const key of keys) {
        try {
          await this.snapshots.refresh(key);
          refreshed += 1;
        } catch (error) {
          await this.snapshots.unclaim(key);
          throw error;
        }
      }
    }
    const next = await this.snapshots.nextDueInMs();
    if (next !== null) await this.scheduleRefresh(next);
    if (refreshed > 0) this.logger.debug({ refreshed }, 'leaderboard snapshots refreshed');
    return refreshed;
  }

  async board(
    viewerId: string,
    board: LeaderboardBoard,
    query: LeaderboardQueryDto,
    exerciseId = NO_EXERCISE,
    normalise = StrengthNormalisation.None,
  ): Promise<LeaderboardDto> {
    const window = currentWindows().find((w) => w.period === query.period)!;
    const key: BoardKey = {
      board,
      period: query.period,
      periodStart: window.periodStart,
      exerciseId,
    };
    const normalised = normalise === StrengthNormalisation.Dots;
    const head = { period: query.period, periodStart: window.periodStart };
    const offset = offsetOf(query);
    if (query.scope === LeaderboardScope.Friends) {
      // Friends see each other's own values (a strength jump waiting for confirmation included),
      // ranked now from the entries: a handful of primary-key probes.
      const rows = await this.boards.friendsBoard(
        key,
        normalised ? 'dots_value' : 'value',
        viewerId,
      );
      const index = rows.findIndex((row) => row.userId === viewerId);
      return {
        ...toPage(
          rows.slice(offset, offset + query.limit).map(LeaderboardRowDto.of),
          rows.length,
          query,
        ),
        me: index < 0 ? null : LeaderboardRowDto.of(rows[index]),
        neighbours:
          index < 0
            ? []
            : [
                ...rows.slice(Math.max(0, index - AROUND), index),
                ...rows.slice(index + 1, index + 1 + AROUND),
              ].map(LeaderboardRowDto.of),
        ...head,
        asOf: new Date().toISOString(),
      };
    }
    const ranking = normalised ? LeaderboardRanking.Dots : LeaderboardRanking.Global;
    const standing = await this.snapshots.standing(key, ranking, viewerId);
    const me: LeaderboardRowDto | null =
      standing.value === null
        ? null
        : {
            rank: standing.above + 1,
            user: UserSummaryDto.of(
              viewerId,
              standing.viewer.displayName,
              standing.viewer.avatarDigest,
            ),
            value: standing.value,
          };
    if (standing.snapshotId === null) {
      // Never refreshed yet (a new period, a new exercise): nobody ranked so far.
      return { ...toPage([], 0, query), me, neighbours: [], ...head, asOf: null };
    }
    const rows = await this.snapshots.rows(
      standing.snapshotId,
      viewerId,
      standing.hiddenIds,
      positionOf(offset, standing.hiddenPositions),
      query.limit,
      me ? standing.above : null,
      AROUND,
    );
    return {
      ...toPage(
        rows.page.map(LeaderboardRowDto.of),
        standing.total - standing.hiddenIds.length,
        query,
      ),
      me,
      neighbours: [...rows.up, ...rows.down].map(LeaderboardRowDto.of),
      ...head,
      asOf: standing.asOf!.toISOString(),
    };
  }

  /** Marks the boards whose entries changed and schedules their refresh (debounced). */
  private async changed(keys: BoardKey[]): Promise<void> {
    if (keys.length === 0) return;
    await this.snapshots.markDirty(keys);
    await this.scheduleRefresh(0);
  }

  /**
   * One refresh job per MIN_REFRESH_INTERVAL_MS slot after `delayMs`: changes within a slot
   * share one job (Bull ignores a second add with the same id), and a job never schedules its
   * own slot again.
   */
  private async scheduleRefresh(delayMs: number): Promise<void> {
    const now = Date.now();
    const slot = Math.floor((now + delayMs) / MIN_REFRESH_INTERVAL_MS) + 1;
    await this.jobs.enqueue(
      JobName.RefreshLeaderboards,
      {},
      { jobId: `refresh-leaderboards:${slot}`, delayMs: slot * MIN_REFRESH_INTERVAL_MS - now },
    );
  }

  /**
   * Strength entries of every exercise: per period the best e1RM (`value`), the best global
   * boards may count (`globalValue`: jumps held back until confirmed) and its DOTS points.
   */
  private async recomputeStrength(userId: string, windows: PeriodWindow[]): Promise<BoardKey[]> {
    const [sessions, { bodyWeightKg: bodyWeight, sex }] = await Promise.all([
      this.boards.sessionBests(userId),
      this.boards.bodyProfile(userId),
    ]);
    const byExercise = new Map<string, typeof sessions>();
    for (const session of sessions) {
      byExercise.set(session.exerciseId, [...(byExercise.get(session.exerciseId) ?? []), session]);
    }
    const entries: StrengthEntry[] = [];
    for (const [exerciseId, history] of byExercise) {
      const { counted } = confirmedBests(history);
      for (const window of windows) {
        const from = Date.parse(`${window.periodStart}T00:00:00Z`);
        const to = Date.parse(`${window.periodEnd}T00:00:00Z`);
        let value = 0;
        let globalValue = 0;
        history.forEach((session, i) => {
          const at = new Date(session.sessionAt).getTime();
          if (at < from || at >= to) return;
          value = Math.max(value, session.e1rmKg);
          globalValue = Math.max(globalValue, counted[i]);
        });
        if (value <= 0) continue;
        entries.push({
          exerciseId,
          period: window.period,
          periodStart: window.periodStart,
          value: round(value),
          globalValue: round(globalValue),
          dotsValue:
            bodyWeight === null
              ? null
              : round(dots(globalValue, bodyWeight, dotsCoefficients(sex))),
        });
      }
    }
    return this.boards.writeStrength(userId, windows, entries);
  }
}

/** Refresh claims boards by this many at a time. */
const REFRESH_BATCH = 20;

const round = (value: number) => Math.round(value * 1000) / 1000;
