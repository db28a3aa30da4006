import type { Pool } from 'pg';

/**
 * Seeding the figures share: users, completed sessions and their working sets, each one
 * INSERT ... SELECT from generate_series (the API would take hours for a million rows). What
 * differs between figures (how many, over how long, the loads) is a parameter; the rows'
 * shape is written once here.
 */

/** The lifts of the seeded training (library slugs): squat, bench press, deadlift, pull-ups. */
export const SEEDED_LIFTS = [
  'Barbell_Squat',
  'Barbell_Bench_Press_-_Medium_Grip',
  'Barbell_Deadlift',
  'Pullups',
];

/**
 * `count` users named `<displayName> <n>`, with the emails `<emailPrefix><n>@bench.fitai.dev`
 * (n from 1): the figure finds them again by that prefix.
 */
export async function seedUsers(
  pool: Pool,
  count: number,
  emailPrefix: string,
  displayName: string,
): Promise<void> {
  await pool.query(
    `INSERT INTO users (email, display_name)
     SELECT $2 || n || '@bench.fitai.dev', $3 || ' ' || n FROM generate_series(1, $1::int) AS n`,
    [count, emailPrefix, displayName],
  );
}

export interface SessionsSeed {
  sessions: number;
  /** Spread evenly over the last `days` days, the newest yesterday; by default one a day. */
  days?: number;
  /** SQL of a session's duration in minutes, from its number `i` (1: the newest); 60 if unset. */
  minutesSql?: string;
  /** The stored totals of sessions seeded without sets (what GET /workouts lists). */
  totals?: { volumeKg: number; sets: number; reps: number };
}

/** Completed sessions ('Session <i>') of `userId`, without exercises. */
export async function seedSessions(pool: Pool, userId: string, seed: SessionsSeed): Promise<void> {
  const { sessions, days = sessions, minutesSql = '60', totals } = seed;
  await pool.query(
    `INSERT INTO workouts (user_id, name, status, session_at, started_at, completed_at,
                           duration_seconds, total_volume_kg, total_sets, total_reps)
     SELECT $1::uuid, 'Session ' || i, 'completed', at, at, at + make_interval(mins => minutes),
            minutes * 60, $4::numeric, $5::int, $6::int
       FROM generate_series(1, $2::int) AS i,
            LATERAL (SELECT ${minutesSql}) d(minutes),
            LATERAL (SELECT now() - interval '1 day'
                          - interval '1 second' * floor($3::float8 * 86400 * (i - 1) / $2)) t(at)`,
    [userId, sessions, days, totals?.volumeKg ?? null, totals?.sets ?? null, totals?.reps ?? null],
  );
}

export interface WorkingSetsSeed {
  /** Library slugs, in their order in each session. */
  slugs: string[];
  setsPerExercise: number;
  /** SQL of a set's load (kg) from `w` (the workout), `we` (its exercise) and `p` (set 0, 1…). */
  loadSql: string;
  /** SQL of its RPE, from the same; none if unset. */
  rpeSql?: string;
}

/**
 * Every session of `userId` gets the exercises `slugs`, each with `setsPerExercise` working
 * sets of 5 reps at `loadSql`, ten minutes apart by exercise; e1RM as the workouts module
 * stores it (Brzycki: load × 36 / 32 at 5 reps). Answers the sets inserted.
 */
export async function seedWorkingSets(
  pool: Pool,
  userId: string,
  seed: WorkingSetsSeed,
): Promise<number> {
  await pool.query(
    `INSERT INTO workout_exercises (workout_id, exercise_id, position)
     SELECT w.id, e.id, array_position($2::text[], e.slug) - 1
       FROM workouts w CROSS JOIN exercises e
      WHERE w.user_id = $1 AND e.slug = ANY($2)`,
    [userId, seed.slugs],
  );
  const inserted = await pool.query(
    `INSERT INTO workout_sets (workout_exercise_id, user_id, workout_id, exercise_id, position,
                               set_type, weight_kg, reps, rpe, completed, completed_at, e1rm_kg)
     SELECT we.id, w.user_id, w.id, we.exercise_id, p, 'normal', load, 5, ${seed.rpeSql ?? 'NULL'},
            true, w.session_at + make_interval(mins => we.position * 10 + p),
            round(load * 36 / 32.0, 2)
       FROM workouts w
       JOIN workout_exercises we ON we.workout_id = w.id
      CROSS JOIN generate_series(0, $2::int - 1) AS p
      CROSS JOIN LATERAL (SELECT ${seed.loadSql}) l(load)
      WHERE w.user_id = $1`,
    [userId, seed.setsPerExercise],
  );
  return inserted.rowCount ?? 0;
}
