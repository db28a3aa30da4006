import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { listedOnLeaderboardsSql } from '../users/privacy.vocabulary';
import { Sex } from '../users/user.vocabulary';
import { workingSetSql } from '../training/working-sets.vocabulary';
import { LeaderboardBoard, LeaderboardPeriod, NO_EXERCISE } from './leaderboards.vocabulary';

/** One board of one period: the leading columns of every index of leaderboard_entries. */
export interface BoardKey {
  board: LeaderboardBoard;
  period: LeaderboardPeriod;
  periodStart: string;
  exerciseId: string;
}

/** The column a read ranks by. */
export type RankColumn = 'value' | 'global_value' | 'dots_value';

export interface PeriodWindow {
  period: LeaderboardPeriod;
  periodStart: string;
  /** Excluded. */
  periodEnd: string;
}

export interface StrengthEntry {
  exerciseId: string;
  period: LeaderboardPeriod;
  periodStart: string;
  value: number;
  globalValue: number;
  dotsValue: number | null;
}

export interface BoardRow {
  userId: string;
  displayName: string;
  avatarDigest: string | null;
  value: number;
  rank: number;
}

const KEY = `e.board = $1 AND e.period = $2 AND e.period_start = $3 AND e.exercise_id = $4`;

/** A board's key as BoardKey, from rows of leaderboard_entries `e`. */
const KEY_COLUMNS = `e.board, e.period, to_char(e.period_start, 'YYYY-MM-DD') AS "periodStart",
                     e.exercise_id AS "exerciseId"`;

/**
 * The leaderboards' queries (docs/challenges.md, "Board structure"). Writes: the worker's
 * subscribers upsert one user's entries. Reads: global boards through the partial indexes
 * IDX_leaderboard_entries_global / _dots (listed users with a value), never over all sets.
 */
@Injectable()
export class LeaderboardsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Volume (Σ total_volume_kg) and consistency (completed workouts) of `userId` in each window,
   * by the sessions' real start (IDX_workouts_user_status_session); upserted, or removed at 0.
   */
  async writeTotals(userId: string, windows: PeriodWindow[]): Promise<BoardKey[]> {
    return this.db.query(
      `WITH windows AS (
         SELECT * FROM jsonb_to_recordset($2::jsonb)
                  AS x(period leaderboard_period, "periodStart" date, "periodEnd" date)),
       totals AS (
         SELECT x.period, x."periodStart" AS start,
                coalesce(sum(w.total_volume_kg), 0) AS volume, count(w.id)::numeric AS sessions
           FROM windows x
           LEFT JOIN workouts w ON w.user_id = $1 AND w.status = 'completed'
                AND w.session_at >= (x."periodStart"::timestamp AT TIME ZONE 'UTC')
                AND w.session_at < (x."periodEnd"::timestamp AT TIME ZONE 'UTC')
          GROUP BY x.period, x."periodStart"),
       entries AS (
         SELECT 'volume'::leaderboard_board AS board, period, start, volume AS value FROM totals
         UNION ALL
         SELECT 'consistency'::leaderboard_board, period, start, sessions FROM totals),
       removed AS (
         DELETE FROM leaderboard_entries e USING entries n
          WHERE e.user_id = $1 AND e.board = n.board AND e.period = n.period
            AND e.period_start = n.start AND e.exercise_id = '${NO_EXERCISE}' AND n.value = 0
         RETURNING e.board, e.period, e.period_start),
       written AS (
         INSERT INTO leaderboard_entries
                (board, period, period_start, exercise_id, user_id, value, global_value, listed)
         SELECT n.board, n.period, n.start, '${NO_EXERCISE}', $1, n.value, n.value,
                (SELECT ${listedOnLeaderboardsSql('u')} FROM users u WHERE u.id = $1)
           FROM entries n WHERE n.value > 0
         ON CONFLICT (board, period, period_start, exercise_id, user_id) DO UPDATE
            SET value = excluded.value, global_value = excluded.global_value,
                listed = excluded.listed, updated_at = now()
          WHERE (leaderboard_entries.value, leaderboard_entries.global_value, leaderboard_entries.listed)
                IS DISTINCT FROM (excluded.value, excluded.global_value, excluded.listed)
         RETURNING board, period, period_start)
       SELECT board, period, to_char(period_start, 'YYYY-MM-DD') AS "periodStart",
              '${NO_EXERCISE}' AS "exerciseId"
         FROM (SELECT * FROM removed UNION SELECT * FROM written) changed`,
      [userId, JSON.stringify(windows)],
    );
  }

  /**
   * Every completed session's best e1RM per exercise of `userId`, oldest first
   * (IDX_workout_sets_user_exercise_completed; working sets of completed workouts).
   */
  sessionBests(
    userId: string,
  ): Promise<{ exerciseId: string; sessionAt: string; e1rmKg: number }[]> {
    return this.db.query(
      `SELECT s.exercise_id AS "exerciseId", w.session_at AS "sessionAt", max(s.e1rm_kg)::float8 AS "e1rmKg"
         FROM workout_sets s JOIN workouts w ON w.id = s.workout_id AND w.status = 'completed'
        WHERE s.user_id = $1 AND ${workingSetSql('s')} AND s.e1rm_kg IS NOT NULL
        GROUP BY s.exercise_id, w.id, w.session_at
        ORDER BY w.session_at, w.id`,
      [userId],
    );
  }

  /**
   * What DOTS needs of `userId`: their latest body weight (UQ_body_metrics_user_measured; null
   * without one) and stated sex (null: not said).
   */
  async bodyProfile(userId: string): Promise<{ bodyWeightKg: number | null; sex: Sex | null }> {
    const [row]: { bodyWeightKg: number | null; sex: Sex | null }[] = await this.db.query(
      `SELECT u.sex,
              (SELECT weight_kg::float8 FROM body_metrics
                WHERE user_id = u.id AND weight_kg IS NOT NULL
                ORDER BY measured_at DESC LIMIT 1) AS "bodyWeightKg"
         FROM users u WHERE u.id = $1`,
      [userId],
    );
    return row ?? { bodyWeightKg: null, sex: null };
  }

  /**
   * Makes the strength entries of `userId` in `periods` (period, start) those of `entries`,
   * writing only what changed: an entry no longer measured is removed, a new or different one
   * upserted, an equal one left alone. Answers the boards whose entries changed, so only those
   * are marked for a refresh. One statement (its CTEs see one snapshot: atomic).
   */
  async writeStrength(
    userId: string,
    periods: { period: LeaderboardPeriod; periodStart: string }[],
    entries: StrengthEntry[],
  ): Promise<BoardKey[]> {
    return this.db.query(
      `WITH measured AS (
         SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(period leaderboard_period,
                "periodStart" date, "exerciseId" uuid, value numeric, "globalValue" numeric,
                "dotsValue" numeric)),
       removed AS (
         DELETE FROM leaderboard_entries e
          USING jsonb_to_recordset($2::jsonb) AS w(period leaderboard_period, "periodStart" date)
          WHERE e.user_id = $1 AND e.board = 'strength' AND e.period = w.period
            AND e.period_start = w."periodStart"
            AND NOT EXISTS (SELECT 1 FROM measured m
                             WHERE m.period = e.period AND m."periodStart" = e.period_start
                               AND m."exerciseId" = e.exercise_id)
          RETURNING ${KEY_COLUMNS}),
       written AS (
         INSERT INTO leaderboard_entries AS e (board, period, period_start, exercise_id, user_id,
                                               value, global_value, dots_value, listed)
         SELECT 'strength', m.period, m."periodStart", m."exerciseId", $1, m.value,
                m."globalValue", m."dotsValue",
                (SELECT ${listedOnLeaderboardsSql('u')} FROM users u WHERE u.id = $1)
           FROM measured m
         ON CONFLICT (board, period, period_start, exercise_id, user_id) DO UPDATE
            SET value = excluded.value, global_value = excluded.global_value,
                dots_value = excluded.dots_value, listed = excluded.listed, updated_at = now()
          WHERE (e.value, e.global_value, e.dots_value, e.listed)
                IS DISTINCT FROM (excluded.value, excluded.global_value, excluded.dots_value,
                                  excluded.listed)
         RETURNING ${KEY_COLUMNS})
       SELECT * FROM removed UNION ALL SELECT * FROM written`,
      [userId, JSON.stringify(periods), JSON.stringify(entries)],
    );
  }

  /**
   * Lists or unlists every entry of `userId` by their current preferences
   * (IDX_leaderboard_entries_user); answers the boards whose entries changed.
   */
  async relist(userId: string): Promise<BoardKey[]> {
    const [changed]: [BoardKey[], number] = await this.db.query(
      `UPDATE leaderboard_entries e SET listed = ${listedOnLeaderboardsSql('u')}, updated_at = now()
         FROM users u
        WHERE u.id = $1 AND e.user_id = u.id AND e.listed <> ${listedOnLeaderboardsSql('u')}
        RETURNING ${KEY_COLUMNS}`,
      [userId],
    );
    return changed;
  }

  /**
   * The viewer and their friends on a board, ranked (RANK()); friends who opted out or keep
   * their activities to themselves are left out, the viewer never (friendships' primary key,
   * then the entries' primary key per friend).
   */
  friendsBoard(key: BoardKey, column: RankColumn, viewerId: string): Promise<BoardRow[]> {
    return this.db.query(
      `WITH circle AS (
         SELECT $5::uuid AS id UNION ALL SELECT friend_id FROM friendships WHERE user_id = $5),
       entries AS (
         SELECT e.user_id, e.${column} AS value FROM circle c
           JOIN leaderboard_entries e ON ${KEY} AND e.user_id = c.id
          WHERE (e.listed OR e.user_id = $5) AND ${positive(column)})
       SELECT x.user_id AS "userId", u.display_name AS "displayName",
              u.avatar_digest AS "avatarDigest", x.value::float8 AS value,
              RANK() OVER (ORDER BY x.value DESC)::int AS rank
         FROM entries x JOIN users u ON u.id = x.user_id
        ORDER BY x.value DESC, x.user_id DESC`,
      [key.board, key.period, key.periodStart, key.exerciseId, viewerId],
    );
  }
}

/** The rows a board ranks: a positive value (DOTS: present). */
function positive(column: RankColumn): string {
  return column === 'dots_value' ? 'e.dots_value IS NOT NULL' : `e.${column} > 0`;
}
