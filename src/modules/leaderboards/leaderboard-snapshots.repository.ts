import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { BoardKey, BoardRow, RankColumn } from './leaderboards.repository';
import { LeaderboardBoard, LeaderboardRanking } from './leaderboards.vocabulary';

/** A superseded snapshot lives this long, so a request that began reading it can finish. */
export const SNAPSHOT_GRACE_SECONDS = 10;

/** The shortest interval between two refreshes of one board. */
export const MIN_REFRESH_INTERVAL_MS = 2_000;

/** A board is refreshed at most once per this many times its last refresh's duration. */
export const REFRESH_COST_FACTOR = 10;

/** The entries' column each ranking ranks by. */
export const RANKING_COLUMN: { readonly [R in LeaderboardRanking]: RankColumn } = {
  [LeaderboardRanking.Global]: 'global_value',
  [LeaderboardRanking.Dots]: 'dots_value',
};

/** The rankings a board has: strength boards also rank by DOTS. */
export function rankingsOf(board: LeaderboardBoard): LeaderboardRanking[] {
  return board === LeaderboardBoard.Strength
    ? [LeaderboardRanking.Global, LeaderboardRanking.Dots]
    : [LeaderboardRanking.Global];
}

/** What a reader needs first: the snapshot, the viewer's blocked users in it, their place. */
export interface SnapshotStanding {
  snapshotId: string | null;
  asOf: Date | null;
  /** Ranked users in the snapshot (the viewer's blocked users included). */
  total: number;
  /** Positions (ascending) and ids of the users in a block with the viewer in the snapshot. */
  hiddenPositions: number[];
  hiddenIds: string[];
  /** The viewer's current value (their entry, listed or not); null without one. */
  value: number | null;
  /** Rows of the snapshot above that value, the viewer's own old row excluded. */
  above: number;
  /** The viewer's own row's position in the snapshot (they may have moved since). */
  selfPosition: number | null;
  viewer: { displayName: string; avatarDigest: string | null };
}

const KEY = `board = $1 AND period = $2 AND period_start = $3 AND exercise_id = $4`;

/** The users in a block with $5 either way (two index ranges of user_blocks). */
const BLOCKED = `SELECT blocked_id AS id FROM user_blocks WHERE blocker_id = $5
                 UNION SELECT blocker_id FROM user_blocks WHERE blocked_id = $5`;

/**
 * The rank snapshots (docs/challenges.md, "Rank snapshots"): the worker writes each board's
 * RANK() whole into leaderboard_ranks and swaps it in atomically; requests page by position
 * and place the caller by one index probe, never counting the board.
 */
@Injectable()
export class LeaderboardSnapshotsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Marks boards dirty (after the entries' change is committed: a refresh that claims the
   * board after this reads the change). A board already dirty is not written again.
   */
  async markDirty(keys: BoardKey[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query(
      `INSERT INTO leaderboard_boards (board, period, period_start, exercise_id, dirty, changed_at)
       SELECT DISTINCT x.board, x.period, x."periodStart", x."exerciseId", true, now()
         FROM jsonb_to_recordset($1::jsonb) AS x(board leaderboard_board, period leaderboard_period,
                                                 "periodStart" date, "exerciseId" uuid)
       ON CONFLICT (board, period, period_start, exercise_id) DO UPDATE
          SET dirty = true, changed_at = now()
        WHERE NOT leaderboard_boards.dirty`,
      [JSON.stringify(keys)],
    );
  }

  /**
   * Claims up to `limit` dirty boards whose last refresh is old enough (committed at once, so
   * a change marked after this makes the board dirty again).
   */
  claimDue(limit: number): Promise<BoardKey[]> {
    return this.db
      .query(
        `UPDATE leaderboard_boards b SET dirty = false
          WHERE (b.board, b.period, b.period_start, b.exercise_id) IN (
                SELECT board, period, period_start, exercise_id FROM leaderboard_boards
                 WHERE dirty AND ${due('')}
                 ORDER BY changed_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING b.board, b.period, to_char(b.period_start, 'YYYY-MM-DD') AS "periodStart",
                    b.exercise_id AS "exerciseId"`,
        [limit, MIN_REFRESH_INTERVAL_MS, REFRESH_COST_FACTOR],
      )
      .then(([rows]: [BoardKey[]]) => rows);
  }

  /** Milliseconds until the next dirty board is due; null when none is dirty. */
  async nextDueInMs(): Promise<number | null> {
    const [row]: { ms: number | null }[] = await this.db.query(
      `SELECT greatest(0, ceil(extract(epoch FROM min(
                coalesce(refreshed_at + greatest($1::int, $2::int * refresh_ms) * interval '1 ms',
                         now())) - now()) * 1000))::int AS ms
         FROM leaderboard_boards WHERE dirty`,
      [MIN_REFRESH_INTERVAL_MS, REFRESH_COST_FACTOR],
    );
    return row?.ms ?? null;
  }

  /** Puts a claimed board back (its refresh failed). */
  async unclaim(key: BoardKey): Promise<void> {
    await this.db.query(`UPDATE leaderboard_boards SET dirty = true WHERE ${KEY}`, keyParams(key));
  }

  /**
   * Rewrites the snapshot of every ranking of `key` from the entries, in one transaction per
   * board: a new snapshot's rows (one ordered pass of the board's partial index), then the swap
   * (`current` moves to it), then the board's refresh time. Serialised per board by an advisory
   * lock. Answers the ranked users per ranking.
   */
  async refresh(key: BoardKey): Promise<Record<string, number>> {
    const started = Date.now();
    const totals: Record<string, number> = {};
    await this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `leaderboard:${key.board}:${key.period}:${key.periodStart}:${key.exerciseId}`,
      ]);
      for (const ranking of rankingsOf(key.board)) {
        const column = RANKING_COLUMN[ranking];
        const [{ id }]: { id: string }[] = await manager.query(
          `INSERT INTO leaderboard_snapshots
                  (board, period, period_start, exercise_id, ranking, as_of, current)
           VALUES ($1, $2, $3, $4, $5, statement_timestamp(), false) RETURNING id`,
          [...keyParams(key), ranking],
        );
        const [{ count }]: { count: number }[] = await manager.query(
          `WITH written AS (
             INSERT INTO leaderboard_ranks (snapshot_id, position, user_id, value, rank)
             SELECT $5, row_number() OVER board, e.user_id, e.${column},
                    rank() OVER (ORDER BY e.${column} DESC)
               FROM leaderboard_entries e
              WHERE e.${KEY} AND e.listed AND ${listedValue(column)}
             WINDOW board AS (ORDER BY e.${column} DESC, e.user_id DESC)
             RETURNING 1)
           SELECT count(*)::int AS count FROM written`,
          [...keyParams(key), id],
        );
        totals[ranking] = count;
        await manager.query(
          `UPDATE leaderboard_snapshots
              SET current = (id = $6), total = CASE WHEN id = $6 THEN $7 ELSE total END,
                  superseded_at = CASE WHEN id = $6 THEN NULL ELSE now() END
            WHERE ${KEY} AND ranking = $5 AND (current OR id = $6)`,
          [...keyParams(key), ranking, id, count],
        );
      }
      await manager.query(
        `UPDATE leaderboard_boards SET refreshed_at = now(), refresh_ms = $5 WHERE ${KEY}`,
        [...keyParams(key), Date.now() - started],
      );
    });
    return totals;
  }

  /**
   * Deletes superseded snapshots past their grace, and the boards and snapshots of periods
   * that are over (before `weekStart` / `monthStart`); their rows go by the cascade.
   */
  async prune(weekStart: string, monthStart: string): Promise<void> {
    await this.db.query(
      `DELETE FROM leaderboard_snapshots
        WHERE superseded_at < now() - $1::int * interval '1 second'
           OR (period = 'week' AND period_start < $2) OR (period = 'month' AND period_start < $3)`,
      [SNAPSHOT_GRACE_SECONDS, weekStart, monthStart],
    );
    await this.db.query(
      `DELETE FROM leaderboard_boards
        WHERE (period = 'week' AND period_start < $1) OR (period = 'month' AND period_start < $2)`,
      [weekStart, monthStart],
    );
  }

  /**
   * The current snapshot of a board (UQ_leaderboard_snapshots_current), the viewer's blocked
   * users in it (UQ_leaderboard_ranks_user probes), the viewer's current value (the entries'
   * primary key) and how many rows of the snapshot are above it: the rank of the highest row at
   * or below it, minus one (IDX_leaderboard_ranks_value, one probe), else the whole snapshot.
   */
  async standing(
    key: BoardKey,
    ranking: LeaderboardRanking,
    viewerId: string,
  ): Promise<SnapshotStanding> {
    const column = RANKING_COLUMN[ranking];
    const [row]: {
      id: string | null;
      asOf: Date | null;
      total: number | null;
      hidden: { id: string; position: number }[];
      value: string | null;
      placed: number | null;
      selfPosition: number | null;
      viewer: { displayName: string; avatarDigest: string | null };
    }[] = await this.db.query(
      `WITH snap AS (
         SELECT id, as_of, total FROM leaderboard_snapshots
          WHERE ${KEY} AND ranking = $6 AND current),
       mine AS (
         SELECT ${column} AS value FROM leaderboard_entries e
          WHERE e.${KEY} AND e.user_id = $5 AND ${listedValue(column)})
       SELECT s.id, s.as_of AS "asOf", s.total,
              coalesce((SELECT jsonb_agg(jsonb_build_object('id', r.user_id, 'position', r.position)
                                         ORDER BY r.position)
                          FROM (${BLOCKED}) b
                          JOIN leaderboard_ranks r ON r.snapshot_id = s.id AND r.user_id = b.id),
                       '[]') AS hidden,
              (SELECT value::text FROM mine) AS value,
              (SELECT r.rank FROM leaderboard_ranks r
                WHERE r.snapshot_id = s.id AND r.value <= (SELECT value FROM mine)
                ORDER BY r.value DESC LIMIT 1) AS placed,
              self.position AS "selfPosition",
              (SELECT jsonb_build_object('displayName', v.display_name,
                                         'avatarDigest', v.avatar_digest)
                 FROM users v WHERE v.id = $5) AS viewer
         FROM (SELECT 1) one
         LEFT JOIN snap s ON true
         LEFT JOIN leaderboard_ranks self ON self.snapshot_id = s.id AND self.user_id = $5`,
      [...keyParams(key), viewerId, ranking],
    );
    const total = row.total ?? 0;
    const value = row.value === null ? null : Number(row.value);
    let above = row.placed === null ? total : row.placed - 1;
    // The viewer's own old row counts among the rows above when it is higher than today's.
    if (value !== null && row.selfPosition !== null && row.selfPosition <= above) above -= 1;
    return {
      snapshotId: row.id,
      asOf: row.asOf,
      total,
      hiddenPositions: row.hidden.map((h) => h.position),
      hiddenIds: row.hidden.map((h) => h.id),
      value,
      above,
      selfPosition: row.selfPosition,
      viewer: row.viewer,
    };
  }

  /**
   * A page of a snapshot from `fromPosition` (the viewer's blocked users skipped), and the
   * `around` visible users each side of the boundary `above` (the viewer's place: positions up
   * to `above` are higher than the viewer's value), the viewer's own old row skipped. One
   * statement: primary-key ranges of leaderboard_ranks, users by primary key.
   */
  async rows(
    snapshotId: string,
    viewerId: string,
    hiddenIds: string[],
    fromPosition: number,
    limit: number,
    above: number | null,
    around: number,
  ): Promise<{ page: BoardRow[]; up: BoardRow[]; down: BoardRow[] }> {
    const rows: (BoardRow & { side: 'page' | 'up' | 'down' })[] = await this.db.query(
      `WITH page AS (
         SELECT * FROM leaderboard_ranks r
          WHERE r.snapshot_id = $1 AND r.position >= $4 AND r.user_id <> ALL($3::uuid[])
          ORDER BY r.position LIMIT $5),
       up AS (
         SELECT * FROM leaderboard_ranks r
          WHERE $6::int IS NOT NULL AND r.snapshot_id = $1 AND r.position <= $6
            AND r.user_id <> ALL($3::uuid[]) AND r.user_id <> $2
          ORDER BY r.position DESC LIMIT $7),
       down AS (
         SELECT * FROM leaderboard_ranks r
          WHERE $6::int IS NOT NULL AND r.snapshot_id = $1 AND r.position > $6
            AND r.user_id <> ALL($3::uuid[]) AND r.user_id <> $2
          ORDER BY r.position LIMIT $7),
       picked AS (
         SELECT 'page' AS side, * FROM page UNION ALL SELECT 'up', * FROM up
         UNION ALL SELECT 'down', * FROM down)
       SELECT p.side, p.user_id AS "userId", u.display_name AS "displayName",
              u.avatar_digest AS "avatarDigest", p.value::float8 AS value, p.rank
         FROM picked p JOIN users u ON u.id = p.user_id
        ORDER BY p.side, p.position`,
      [snapshotId, viewerId, hiddenIds, fromPosition, limit, above, around],
    );
    const strip = ({ side: _side, ...row }: BoardRow & { side: string }): BoardRow => row;
    return {
      page: rows.filter((r) => r.side === 'page').map(strip),
      up: rows.filter((r) => r.side === 'up').map(strip),
      down: rows.filter((r) => r.side === 'down').map(strip),
    };
  }
}

function keyParams(key: BoardKey): string[] {
  return [key.board, key.period, key.periodStart, key.exerciseId];
}

/** The rows a ranking ranks: a positive value (DOTS: present). */
function listedValue(column: RankColumn): string {
  return column === 'dots_value' ? 'e.dots_value IS NOT NULL' : `e.${column} > 0`;
}

/** A board whose last refresh is old enough for another ($2 ms at least, $3 × its cost). */
function due(prefix: string): string {
  return `(${prefix}refreshed_at IS NULL OR ${prefix}refreshed_at
            + greatest($2::int, $3::int * ${prefix}refresh_ms) * interval '1 ms' <= now())`;
}
