import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/infrastructure/database/data-source-options';
import { LeaderboardSnapshotsRepository } from '../../src/modules/leaderboards/leaderboard-snapshots.repository';
import type { BoardKey } from '../../src/modules/leaderboards/leaderboards.repository';
import { positionOf } from '../../src/modules/leaderboards/board-positions';
import { currentWindows } from '../../src/modules/leaderboards/leaderboards.service';
import {
  LeaderboardBoard,
  LeaderboardPeriod,
  LeaderboardRanking,
  NO_EXERCISE,
} from '../../src/modules/leaderboards/leaderboards.vocabulary';
import { BenchConfig } from '../config';
import { explainCaptured } from '../lib/explain';
import { BenchUser, RunningApi } from '../lib/fitai';
import { expectStatus, getJson } from '../lib/http';
import { measureAgainstPage, RouteCase } from '../lib/page-ratios';
import { seedSessions, seedUsers } from '../lib/seed';
import type { ExplainedQuery } from '../lib/explain';

/** Users ranked on the month's global volume board. */
export const LEADERBOARD_USERS = 100_000;
const VIEWER_SESSIONS = 1_000;

export interface LeaderboardReadFigure {
  connections: number;
  seconds: number;
  users: number;
  viewerRank: number;
  seedSeconds: number;
  /** The worker's refresh of the board's rank snapshot (every listed user written). */
  refreshSeconds: number;
  cases: RouteCase[];
  explain: ExplainedQuery[];
}

/**
 * LEADERBOARD_USERS users with a volume entry of the current month (values spread so ties are
 * few, 2 % opted out or private, so unlisted), the viewer's own entry set to the median; the
 * viewer's VIEWER_SESSIONS completed workouts (one a day) for the GET /workouts page.
 */
async function seed(pool: Pool, viewerId: string, monthStart: string): Promise<void> {
  await seedUsers(pool, LEADERBOARD_USERS, 'lb-', 'Lifter');
  await pool.query(
    `INSERT INTO leaderboard_entries (board, period, period_start, exercise_id, user_id, value, global_value, listed)
     SELECT 'volume', 'month', $1, $2, u.id, v.value, v.value, (hashtext(u.id::text) % 50) <> 0
       FROM users u, LATERAL (SELECT (abs(hashtext(u.email)) % 5000000) / 100.0 AS value) v
      WHERE u.email LIKE 'lb-%'`,
    [monthStart, NO_EXERCISE],
  );
  await pool.query(
    `INSERT INTO leaderboard_entries (board, period, period_start, exercise_id, user_id, value, global_value, listed)
     SELECT 'volume', 'month', $1, $2, $3,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY value), percentile_disc(0.5) WITHIN GROUP (ORDER BY value), true
       FROM leaderboard_entries WHERE board = 'volume' AND period = 'month' AND period_start = $1`,
    [monthStart, NO_EXERCISE, viewerId],
  );
  await seedSessions(pool, viewerId, {
    sessions: VIEWER_SESSIONS,
    totals: { volumeKg: 5000, sets: 20, reps: 100 },
  });
}

/**
 * Figure 10: GET /leaderboards/volume?scope=global&period=month over LEADERBOARD_USERS ranked
 * users, for a viewer in the middle (their rank and neighbours computed with the page), against
 * one indexed page of GET /workouts; plus the EXPLAIN of the board's statements.
 */
export async function benchLeaderboardRead(
  config: BenchConfig,
  api: RunningApi,
  pool: Pool,
  viewer: BenchUser,
  log: (message: string) => void,
): Promise<LeaderboardReadFigure> {
  const month = currentWindows().find((w) => w.period === LeaderboardPeriod.Month)!;
  const seeding = Date.now();
  await seed(pool, viewer.id, month.periodStart);
  await pool.query('VACUUM (ANALYZE) users, leaderboard_entries, workouts');
  const seedSeconds = (Date.now() - seeding) / 1000;
  log(`seeded ${LEADERBOARD_USERS} ranked users in ${seedSeconds.toFixed(1)} s`);
  const key: BoardKey = {
    board: LeaderboardBoard.Volume,
    period: LeaderboardPeriod.Month,
    periodStart: month.periodStart,
    exerciseId: NO_EXERCISE,
  };
  // What the worker's refresh job does after entries change: the board's snapshot, whole.
  const refreshSeconds = await refreshSnapshot(config.databaseUrl, key);
  await pool.query('VACUUM (ANALYZE) leaderboard_snapshots, leaderboard_ranks');
  log(`refreshed the board's rank snapshot in ${refreshSeconds.toFixed(2)} s`);

  const path = '/api/v1/leaderboards/volume?scope=global&period=month&limit=20';
  const first = expectStatus(
    await getJson<{ me: { rank: number } | null; items: unknown[] }>(
      `${api.baseUrl}${path}`,
      viewer.accessToken,
    ),
    200,
    'GET /leaderboards/volume',
  );
  if (!first.body.me || first.body.items.length !== 20) {
    throw new Error('the board answered no rank for the viewer, or a short page');
  }
  const plan = [
    { label: 'GET /workouts?limit=20 (one indexed page)', path: '/api/v1/workouts?limit=20' },
    { label: 'GET /leaderboards/volume?scope=global&period=month (+ own rank)', path },
  ];
  const cases = await measureAgainstPage(config, api, viewer, plan);
  const snapshots = (ds: DataSource) => new LeaderboardSnapshotsRepository(ds);
  const explain = await explainCaptured(config.databaseUrl, [
    {
      label: 'LeaderboardSnapshotsRepository.standing (snapshot, blocks, the caller placed)',
      run: (ds) => snapshots(ds).standing(key, LeaderboardRanking.Global, viewer.id),
    },
    {
      label: 'LeaderboardSnapshotsRepository.rows (first page and the caller’s neighbours)',
      run: async (ds) => {
        const standing = await snapshots(ds).standing(key, LeaderboardRanking.Global, viewer.id);
        return snapshots(ds).rows(
          standing.snapshotId!,
          viewer.id,
          standing.hiddenIds,
          positionOf(0, standing.hiddenPositions),
          20,
          standing.above,
          2,
        );
      },
    },
  ]);
  return {
    connections: config.latencyConnections,
    seconds: config.latencySeconds,
    users: LEADERBOARD_USERS,
    viewerRank: first.body.me.rank,
    seedSeconds,
    refreshSeconds,
    cases,
    explain,
  };
}

/** Refreshes one board's snapshot as the worker does; answers the seconds it took. */
async function refreshSnapshot(databaseUrl: string, key: BoardKey): Promise<number> {
  const dataSource = new DataSource(
    buildDataSourceOptions({ url: databaseUrl, poolSize: 1, applicationName: 'fitai-bench' }),
  );
  await dataSource.initialize();
  try {
    const started = Date.now();
    await new LeaderboardSnapshotsRepository(dataSource).refresh(key);
    return (Date.now() - started) / 1000;
  } finally {
    await dataSource.destroy();
  }
}
