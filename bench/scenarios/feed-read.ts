import type { Pool } from 'pg';
import { FeedRepository } from '../../src/modules/feed/feed.repository';
import { BenchConfig } from '../config';
import { explainCaptured, ExplainedQuery } from '../lib/explain';
import { BenchUser, RunningApi } from '../lib/fitai';
import { expectStatus, getJson } from '../lib/http';
import { measureAgainstPage, RouteCase } from '../lib/page-ratios';
import { seedSessions, seedUsers } from '../lib/seed';

/** Other users, the viewer's friends among them, their activities, and the viewer's sessions. */
export const FEED_USERS = 10_000;
export const FEED_FRIENDS = 1_000;
export const FEED_ACTIVITIES = 1_000_000;
const VIEWER_SESSIONS = 1_000;

export interface FeedReadFigure {
  connections: number;
  seconds: number;
  users: number;
  friends: number;
  activities: number;
  seedSeconds: number;
  cases: RouteCase[];
  explain: ExplainedQuery[];
}

/**
 * A viewer with FEED_FRIENDS friends among FEED_USERS users who share FEED_ACTIVITIES
 * activities over a year (100 each: 60 % workouts, 40 % posts; 10 % only_me, 30 % friends,
 * 60 % public), so a tenth of all activities are the friends'; and VIEWER_SESSIONS completed
 * workouts of the viewer (one a day) for the GET /workouts page. INSERT ... SELECT from
 * generate_series.
 */
async function seedGraph(pool: Pool, viewerId: string): Promise<void> {
  const emailPrefix = `feed-${viewerId.slice(0, 8)}-`;
  await seedUsers(pool, FEED_USERS, emailPrefix, 'Athlete');
  await pool.query(
    `CREATE TEMP TABLE feed_authors AS
     SELECT id, row_number() OVER (ORDER BY id) AS n FROM users WHERE email LIKE $1 || '%'`,
    [emailPrefix],
  );
  await pool.query(
    `INSERT INTO friendships (user_id, friend_id, created_at)
     SELECT $1::uuid, id, now() FROM feed_authors WHERE n <= $2
     UNION ALL
     SELECT id, $1::uuid, now() FROM feed_authors WHERE n <= $2`,
    [viewerId, FEED_FRIENDS],
  );
  await pool.query(
    `INSERT INTO activities (user_id, kind, visibility, occurred_at, text, details)
     SELECT a.id,
            CASE WHEN i % 5 < 3 THEN 'workout'::activity_kind ELSE 'post'::activity_kind END,
            CASE WHEN i % 10 = 0 THEN 'only_me'::audience
                 WHEN i % 10 < 4 THEN 'friends'::audience ELSE 'public'::audience END,
            date_trunc('milliseconds', now() - interval '365 days' * random()),
            CASE WHEN i % 5 >= 3 THEN 'Post number ' || i END,
            CASE WHEN i % 5 < 3 THEN jsonb_build_object('workout', jsonb_build_object(
                   'workoutId', gen_random_uuid(), 'name', 'Session', 'durationSeconds', 3600,
                   'totalVolumeKg', 5000, 'totalSets', 15, 'totalReps', 120))
                 ELSE '{}'::jsonb END
       FROM generate_series(1, $1::int) AS i
       JOIN feed_authors a ON a.n = 1 + (i % $2::int)`,
    [FEED_ACTIVITIES, FEED_USERS],
  );
  await seedSessions(pool, viewerId, { sessions: VIEWER_SESSIONS });
  await pool.query('DROP TABLE feed_authors');
}

/**
 * Figure 7: GET /feed for a user with 1,000 friends over 1,000,000 activities, next to one
 * indexed page of GET /workouts of the same user (the ratio is what the feed's visibility and
 * friend filter cost over a plain indexed page), plus the EXPLAIN of the feed statement.
 */
export async function benchFeedRead(
  config: BenchConfig,
  api: RunningApi,
  pool: Pool,
  viewer: BenchUser,
  log: (message: string) => void,
): Promise<FeedReadFigure> {
  const seeding = Date.now();
  await seedGraph(pool, viewer.id);
  await pool.query('VACUUM (ANALYZE) users, friendships, activities, workouts');
  const seedSeconds = (Date.now() - seeding) / 1000;
  log(
    `seeded ${FEED_USERS} users, ${FEED_FRIENDS} friends, ${FEED_ACTIVITIES} activities ` +
      `in ${seedSeconds.toFixed(1)} s`,
  );

  const first = expectStatus(
    await getJson<{ items: unknown[]; meta: { nextCursor: string } }>(
      `${api.baseUrl}/api/v1/feed?limit=20`,
      viewer.accessToken,
    ),
    200,
    'GET /feed',
  );
  if (first.body.items.length !== 20) throw new Error('the feed answered a short first page');
  const cursor = encodeURIComponent(first.body.meta.nextCursor);
  const plan = [
    { label: 'GET /workouts?limit=20 (one indexed page)', path: '/api/v1/workouts?limit=20' },
    { label: 'GET /feed?limit=20', path: '/api/v1/feed?limit=20' },
    {
      label: 'GET /feed?limit=20&cursor= (page 2)',
      path: `/api/v1/feed?limit=20&cursor=${cursor}`,
    },
    { label: 'GET /feed/friends?limit=20', path: '/api/v1/feed/friends?limit=20' },
  ];
  const cases = await measureAgainstPage(config, api, viewer, plan);

  const explain = await explainCaptured(config.databaseUrl, [
    {
      label: 'FeedRepository.feedPage (GET /feed, first page, 1,000 friends, 1M activities)',
      run: (ds) => new FeedRepository(ds).feedPage(viewer.id, false, undefined, 20),
    },
  ]);

  return {
    connections: config.latencyConnections,
    seconds: config.latencySeconds,
    users: FEED_USERS,
    friends: FEED_FRIENDS,
    activities: FEED_ACTIVITIES,
    seedSeconds,
    cases,
    explain,
  };
}
