import { Injectable } from '@nestjs/common';
import { offsetOf } from '../../common/pagination/page-query.dto';
import { toPage } from '../../common/pagination/page';
import { addDays, isoWeekStart, localDate } from '../../common/time/local-date';
import { dots } from './dots';
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
  RankColumn,
  StrengthEntry,
} from './leaderboards.repository';
import {
  ALL_TIME,
  LeaderboardBoard,
  LeaderboardPeriod,
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
 * month and all time from their workouts; reads rank listed users from that structure.
 */
@Injectable()
export class LeaderboardsService {
  constructor(private readonly boards: LeaderboardsRepository) {}

  /** Worker: a workout of `userId` changed (or their body weight): their entries measured again. */
  async recompute(userId: string, now = new Date()): Promise<void> {
    const windows = currentWindows(now);
    await this.boards.writeTotals(userId, windows);
    await this.recomputeStrength(userId, windows);
  }

  /** Worker: the user's privacy changed: listed again or not. */
  relist(userId: string): Promise<void> {
    return this.boards.relist(userId);
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
    if (query.scope === LeaderboardScope.Friends) {
      // Friends see each other's own values (a strength jump waiting for confirmation included).
      const rows = await this.boards.friendsBoard(
        key,
        normalised ? 'dots_value' : 'value',
        viewerId,
      );
      const offset = offsetOf(query);
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
      };
    }
    const column: RankColumn = normalised ? 'dots_value' : 'global_value';
    const [items, standing] = await Promise.all([
      this.boards.globalPage(key, column, viewerId, offsetOf(query), query.limit),
      this.boards.globalStanding(key, column, viewerId, AROUND),
    ]);
    return {
      ...toPage(items.map(LeaderboardRowDto.of), standing.total, query),
      me: standing.me && LeaderboardRowDto.of(standing.me),
      neighbours: standing.neighbours.map(LeaderboardRowDto.of),
      ...head,
    };
  }

  /**
   * Strength entries of every exercise: per period the best e1RM (`value`), the best global
   * boards may count (`globalValue`: jumps held back until confirmed) and its DOTS points.
   */
  private async recomputeStrength(userId: string, windows: PeriodWindow[]): Promise<void> {
    const [sessions, bodyWeight] = await Promise.all([
      this.boards.sessionBests(userId),
      this.boards.bodyWeightKg(userId),
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
          dotsValue: bodyWeight === null ? null : round(dots(globalValue, bodyWeight)),
        });
      }
    }
    await this.boards.writeStrength(userId, windows, entries);
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000;
