import type { Pool } from 'pg';
import { ProgressRepository } from '../../src/modules/progress/progress.repository';
import { weeksEndingOn } from '../../src/modules/progress/progress-period';
import { BenchConfig } from '../config';
import { explainCaptured, ExplainedQuery } from '../lib/explain';
import { BenchUser, RunningApi } from '../lib/fitai';
import { measureAgainstPage, RouteCase } from '../lib/page-ratios';

/** Three years of training: a session every ~1.1 days, 4 exercises × 5 working sets each. */
export const PROGRESS_SESSIONS = 1_000;
const HISTORY_DAYS = 3 * 365;
const SETS_PER_EXERCISE = 5;
const SLUGS = ['Barbell_Squat', 'Barbell_Bench_Press_-_Medium_Grip', 'Barbell_Deadlift', 'Pullups'];
const PERIOD_WEEKS = 156;

export interface ProgressReadFigure {
  connections: number;
  seconds: number;
  sessions: number;
  sets: number;
  seedSeconds: number;
  cases: RouteCase[];
  explain: ExplainedQuery[];
}

/**
 * Completed workouts spread evenly over three years (newest yesterday), each with the four
 * exercises and five working sets of 5 reps, loads creeping up over time; e1RM as the
 * workouts module stores it (Brzycki below 10 reps). Three INSERT ... SELECT statements.
 */
async function seedTraining(pool: Pool, userId: string): Promise<number> {
  await pool.query(
    `INSERT INTO workouts (user_id, name, status, session_at, started_at, completed_at, duration_seconds)
     SELECT $1::uuid, 'Session ' || i, 'completed', at, at, at + interval '1 hour', 3600
       FROM generate_series(1, $2::int) AS i,
            LATERAL (SELECT now() - interval '1 day'
                          - interval '1 second' * floor($3::float8 * 86400 * (i - 1) / $2)) t(at)`,
    [userId, PROGRESS_SESSIONS, HISTORY_DAYS],
  );
  await pool.query(
    `INSERT INTO workout_exercises (workout_id, exercise_id, position)
     SELECT w.id, e.id, array_position($2::text[], e.slug) - 1
       FROM workouts w CROSS JOIN exercises e
      WHERE w.user_id = $1 AND e.slug = ANY($2)`,
    [userId, SLUGS],
  );
  const inserted = await pool.query(
    `INSERT INTO workout_sets (workout_exercise_id, user_id, workout_id, exercise_id, position,
                               set_type, weight_kg, reps, completed, completed_at, e1rm_kg)
     SELECT we.id, w.user_id, w.id, we.exercise_id, p, 'normal', load, 5, true,
            w.session_at + make_interval(mins => we.position * 10 + p), round(load * 36 / 32, 2)
       FROM workouts w
       JOIN workout_exercises we ON we.workout_id = w.id
      CROSS JOIN generate_series(0, $2::int - 1) AS p
      CROSS JOIN LATERAL (SELECT round((60 + 20 * we.position
                                        + 40 * extract(epoch FROM w.session_at - (now() - interval '3 years'))
                                             / extract(epoch FROM interval '3 years')
                                        + (p % 3) * 2.5)::numeric, 1)) l(load)
      WHERE w.user_id = $1`,
    [userId, SETS_PER_EXERCISE],
  );
  return inserted.rowCount ?? 0;
}

/**
 * Figure 5: the progress routes over three years of training (≈1,000 sessions, 20k sets),
 * next to one indexed page of GET /workouts for the same user: the ratio is the cost of
 * aggregating the whole history in SQL compared with reading 20 rows.
 */
export async function benchProgressRead(
  config: BenchConfig,
  api: RunningApi,
  pool: Pool,
  user: BenchUser,
  log: (message: string) => void,
): Promise<ProgressReadFigure> {
  const seeding = Date.now();
  const sets = await seedTraining(pool, user.id);
  if (sets !== PROGRESS_SESSIONS * SLUGS.length * SETS_PER_EXERCISE) {
    throw new Error(`seeded ${sets} sets: an exercise of ${SLUGS.join(', ')} is missing`);
  }
  await pool.query('VACUUM (ANALYZE) workouts, workout_exercises, workout_sets');
  const seedSeconds = (Date.now() - seeding) / 1000;
  log(`seeded ${PROGRESS_SESSIONS} sessions, ${sets} sets in ${seedSeconds.toFixed(1)} s`);
  const [{ id: squatId }] = (
    await pool.query<{ id: string }>('SELECT id FROM exercises WHERE slug = $1', [SLUGS[0]])
  ).rows;

  const plan = [
    { label: 'GET /workouts?limit=20 (one indexed page)', path: '/api/v1/workouts?limit=20' },
    {
      label: `GET /progress/strength/:exerciseId?weeks=${PERIOD_WEEKS}`,
      path: `/api/v1/progress/strength/${squatId}?weeks=${PERIOD_WEEKS}`,
    },
    {
      label: `GET /progress/volume?weeks=${PERIOD_WEEKS}`,
      path: `/api/v1/progress/volume?weeks=${PERIOD_WEEKS}`,
    },
    { label: 'GET /progress/strength (12 weeks)', path: '/api/v1/progress/strength' },
    {
      label: `GET /progress/analytics?weeks=${PERIOD_WEEKS}`,
      path: `/api/v1/progress/analytics?weeks=${PERIOD_WEEKS}`,
    },
  ];
  const cases = await measureAgainstPage(config, api, user, plan);

  const { rows } = await pool.query<{ today: string }>(
    "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS today",
  );
  const period = {
    userId: user.id,
    timeZone: 'UTC',
    ...weeksEndingOn(rows[0].today, PERIOD_WEEKS),
  };
  const explain = await explainCaptured(config.databaseUrl, [
    {
      label: 'ProgressRepository.sessionBests (e1RM series, 156 weeks)',
      run: (ds) => new ProgressRepository(ds).sessionBests(period, squatId),
    },
    {
      label: 'ProgressRepository.weeklyVolume (156 weeks)',
      run: (ds) => new ProgressRepository(ds).weeklyVolume(period),
    },
    {
      label: 'ProgressRepository.muscleVolume (156 weeks)',
      run: (ds) => new ProgressRepository(ds).muscleVolume(period),
    },
    {
      label: 'ProgressRepository.streak (weeks, whole history)',
      run: (ds) => new ProgressRepository(ds).streak(period, 'week'),
    },
  ]);

  return {
    connections: config.latencyConnections,
    seconds: config.latencySeconds,
    sessions: PROGRESS_SESSIONS,
    sets,
    seedSeconds,
    cases,
    explain,
  };
}
