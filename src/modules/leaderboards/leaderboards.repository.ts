import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { listedOnLeaderboardsSql } from '../users/privacy.vocabulary';
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

/** The users in a block with $5 either way (two index ranges of user_blocks). */
const BLOCKED = `SELECT blocked_id AS id FROM user_blocks WHERE blocker_id = $5
                 UNION SELECT blocker_id FROM user_blocks WHERE blocked_id = $5`;

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
  async writeTotals(userId: string, windows: PeriodWindow[]): Promise<void> {
    await this.db.query(
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
            AND e.period_start = n.start AND e.exercise_id = '${NO_EXERCISE}' AND n.value = 0)
       INSERT INTO leaderboard_entries
              (board, period, period_start, exercise_id, user_id, value, global_value, listed)
       SELECT n.board, n.period, n.start, '${NO_EXERCISE}', $1, n.value, n.value,
              (SELECT ${listedOnLeaderboardsSql('u')} FROM users u WHERE u.id = $1)
         FROM entries n WHERE n.value > 0
       ON CONFLICT (board, period, period_start, exercise_id, user_id) DO UPDATE
          SET value = excluded.value, global_value = excluded.global_value,
              listed = excluded.listed, updated_at = now()
        WHERE (leaderboard_entries.value, leaderboard_entries.global_value, leaderboard_entries.listed)
              IS DISTINCT FROM (excluded.value, excluded.global_value, excluded.listed)`,
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

  /** The latest body weight of `userId` (UQ_body_metrics_user_measured), null without one. */
  async bodyWeightKg(userId: string): Promise<number | null> {
    const [row]: { kg: number }[] = await this.db.query(
      `SELECT weight_kg::float8 AS kg FROM body_metrics
        WHERE user_id = $1 AND weight_kg IS NOT NULL ORDER BY measured_at DESC LIMIT 1`,
      [userId],
    );
    return row?.kg ?? null;
  }

  /** Replaces the strength entries of `userId` in `periods` (period, start) by `entries`. */
  async writeStrength(
    userId: string,
    periods: { period: LeaderboardPeriod; periodStart: string }[],
    entries: StrengthEntry[],
  ): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.query(
        `DELETE FROM leaderboard_entries e
          USING jsonb_to_recordset($2::jsonb) AS x(period leaderboard_period, "periodStart" date)
          WHERE e.user_id = $1 AND e.board = 'strength' AND e.period = x.period
            AND e.period_start = x."periodStart"`,
        [userId, JSON.stringify(periods)],
      );
      if (entries.length === 0) return;
      await manager.query(
        `INSERT INTO leaderboard_entries (board, period, period_start, exercise_id, user_id,
                                          value, global_value, dots_value, listed)
         SELECT 'strength', x.period, x."periodStart", x."exerciseId", $1, x.value,
                x."globalValue", x."dotsValue",
                (SELECT ${listedOnLeaderboardsSql('u')} FROM users u WHERE u.id = $1)
           FROM jsonb_to_recordset($2::jsonb) AS x(period leaderboard_period, "periodStart" date,
                "exerciseId" uuid, value numeric, "globalValue" numeric, "dotsValue" numeric)`,
        [userId, JSON.stringify(entries)],
      );
    });
  }

  /** Lists or unlists every entry of `userId` by their current preferences (IDX_leaderboard_entries_user). */
  async relist(userId: string): Promise<void> {
    await this.db.query(
      `UPDATE leaderboard_entries e SET listed = ${listedOnLeaderboardsSql('u')}, updated_at = now()
         FROM users u
        WHERE u.id = $1 AND e.user_id = u.id AND e.listed <> ${listedOnLeaderboardsSql('u')}`,
      [userId],
    );
  }

  /**
   * A page of a global board as `viewerId` sees it: listed users, the viewer's blocks left out,
   * ranked with RANK() over what the viewer sees (the index prefix up to the page's end, read in
   * order through the partial index).
   */
  globalPage(
    key: BoardKey,
    column: RankColumn,
    viewerId: string,
    offset: number,
    limit: number,
  ): Promise<BoardRow[]> {
    return this.db.query(
      `WITH blocked AS (${BLOCKED}),
       prefix AS (
         SELECT e.user_id, e.${column} AS value FROM leaderboard_entries e
          WHERE ${KEY} AND e.listed AND ${positive(column)}
            AND e.user_id NOT IN (SELECT id FROM blocked)
          ORDER BY e.${column} DESC, e.user_id DESC
          LIMIT $6::int + $7::int),
       ranked AS (SELECT p.*, RANK() OVER (ORDER BY p.value DESC)::int AS rank FROM prefix p)
       SELECT r.user_id AS "userId", u.display_name AS "displayName",
              u.avatar_digest AS "avatarDigest", r.value::float8 AS value, r.rank
         FROM ranked r JOIN users u ON u.id = r.user_id
        ORDER BY r.value DESC, r.user_id DESC OFFSET $6::int`,
      [key.board, key.period, key.periodStart, key.exerciseId, viewerId, offset, limit],
    );
  }

  /**
   * The viewer's standing on a global board (their own value even when opted out or private:
   * where they would rank), the number of listed users they see, and up to `around` neighbours
   * each side. One index-only scan of the partial index counts the listed users and those above
   * the viewer (RANK = 1 + above); the listed users in a block with the viewer are taken off
   * both by a few primary-key probes. Neighbours are two short index ranges from the viewer's
   * (value, id), their ranks the viewer's minus (plus) the visible rows in between.
   */
  async globalStanding(
    key: BoardKey,
    column: RankColumn,
    viewerId: string,
    around: number,
  ): Promise<{ me: BoardRow | null; total: number; neighbours: BoardRow[] }> {
    const keyParams = [key.board, key.period, key.periodStart, key.exerciseId, viewerId];
    const [mine]: { value: string | null; listed: boolean | null; total: number; rank: number }[] =
      await this.db.query(
        `WITH blocked AS (${BLOCKED}),
         mine AS (SELECT e.${column} AS value, e.listed AND ${positive(column)} AS listed
                    FROM leaderboard_entries e WHERE ${KEY} AND e.user_id = $5),
         others AS (
           SELECT count(*)::int AS total,
                  count(*) FILTER (WHERE e.${column} > (SELECT value FROM mine))::int AS above
             FROM leaderboard_entries e
            WHERE ${KEY} AND e.listed AND ${positive(column)} AND e.user_id <> $5),
         hidden AS (
           SELECT count(*)::int AS total,
                  count(*) FILTER (WHERE e.${column} > (SELECT value FROM mine))::int AS above
             FROM leaderboard_entries e JOIN blocked b ON b.id = e.user_id
            WHERE ${KEY} AND e.listed AND ${positive(column)})
         SELECT (SELECT value::text FROM mine) AS value, (SELECT listed FROM mine) AS listed,
                others.total - hidden.total
                  + CASE WHEN (SELECT listed FROM mine) THEN 1 ELSE 0 END AS total,
                1 + others.above - hidden.above AS rank
           FROM others, hidden`,
        keyParams,
      );
    if (mine.value === null || Number(mine.value) <= 0) {
      return { me: null, total: mine.total, neighbours: [] };
    }
    const visible = `${KEY} AND e.listed AND ${positive(column)}
            AND e.user_id NOT IN (SELECT id FROM blocked) AND e.user_id <> $5`;
    const rows: (BoardRow & { side: string })[] = await this.db.query(
      `WITH blocked AS (${BLOCKED}),
       up AS (
         SELECT e.user_id, e.${column} AS value FROM leaderboard_entries e
          WHERE ${visible} AND (e.${column}, e.user_id) > ($6::numeric, $5::uuid)
          ORDER BY e.${column}, e.user_id LIMIT $7),
       down AS (
         SELECT e.user_id, e.${column} AS value FROM leaderboard_entries e
          WHERE ${visible} AND (e.${column}, e.user_id) < ($6::numeric, $5::uuid)
          ORDER BY e.${column} DESC, e.user_id DESC LIMIT $7),
       around AS (
         SELECT 'me' AS side, $5::uuid AS user_id, $6::numeric AS value
         UNION ALL SELECT 'up', user_id, value FROM up
         UNION ALL SELECT 'down', user_id, value FROM down)
       SELECT a.side, a.user_id AS "userId", u.display_name AS "displayName",
              u.avatar_digest AS "avatarDigest", a.value::float8 AS value,
              ($8::int + CASE
                 WHEN a.value > $6::numeric THEN -(
                   SELECT count(*)::int FROM leaderboard_entries e
                    WHERE ${visible} AND e.${column} > $6::numeric AND e.${column} <= a.value)
                 WHEN a.value < $6::numeric THEN (
                   SELECT count(*)::int FROM leaderboard_entries e
                    WHERE ${visible} AND e.${column} > a.value AND e.${column} <= $6::numeric)
                   + CASE WHEN $9::boolean THEN 1 ELSE 0 END
                 ELSE 0 END)::int AS rank
         FROM around a JOIN users u ON u.id = a.user_id
        ORDER BY a.value DESC, a.user_id DESC`,
      [...keyParams, mine.value, around, mine.rank, mine.listed],
    );
    const me = rows.find((row) => row.side === 'me') ?? null;
    const strip = ({ side: _side, ...row }: BoardRow & { side: string }): BoardRow => row;
    return {
      me: me && strip(me),
      total: mine.total,
      neighbours: rows.filter((row) => row.side !== 'me').map(strip),
    };
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
