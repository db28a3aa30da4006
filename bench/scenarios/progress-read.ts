import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { addDays } from '../../src/common/time/local-date';
import { buildDataSourceOptions } from '../../src/infrastructure/database/data-source-options';
import { TrainingRollupsRepository } from '../../src/modules/analytics/rollups/training-rollups.repository';
import { ProgressRepository } from '../../src/modules/progress/progress.repository';
import { ProgressReference } from '../../test/support/progress-reference';
import { weeksEndingOn } from '../../src/modules/progress/progress-period';
import { BenchConfig } from '../config';
import { explainCaptured, ExplainedQuery } from '../lib/explain';
import { BenchUser, RunningApi } from '../lib/fitai';
import { measureAgainstPage, RouteCase } from '../lib/page-ratios';
import { SEEDED_LIFTS, seedSessions, seedWorkingSets } from '../lib/seed';

/** Three years of training: a session every ~1.1 days, 4 exercises × 5 working sets each. */
export const PROGRESS_SESSIONS = 1_000;
const HISTORY_DAYS = 3 * 365;
const SETS_PER_EXERCISE = 5;
const SLUGS = SEEDED_LIFTS;
const PERIOD_WEEKS = 156;

export interface ProgressReadFigure {
  connections: number;
  seconds: number;
  sessions: number;
  sets: number;
  seedSeconds: number;
  /** A full rebuild of the athlete's analytics rollups (what `analytics:rebuild` does). */
  rollupRebuildSeconds: number;
  cases: RouteCase[];
  explain: ExplainedQuery[];
}

/**
 * Completed workouts spread evenly over three years (newest yesterday), each with the four
 * lifts and five working sets of 5 reps, loads creeping up over time.
 */
async function seedTraining(pool: Pool, userId: string): Promise<number> {
  await seedSessions(pool, userId, { sessions: PROGRESS_SESSIONS, days: HISTORY_DAYS });
  return seedWorkingSets(pool, userId, {
    slugs: SLUGS,
    setsPerExercise: SETS_PER_EXERCISE,
    loadSql: `round((60 + 20 * we.position
                     + 40 * extract(epoch FROM w.session_at - (now() - interval '3 years'))
                          / extract(epoch FROM interval '3 years')
                     + (p % 3) * 2.5)::numeric, 1)`,
  });
}

/**
 * Figure 5: the progress and analytics routes over three years of training (≈1,000 sessions,
 * 20k sets), next to one indexed page of GET /workouts for the same user: the ratio is the
 * cost of the whole history's figures compared with reading 20 rows. Both answer from the
 * analytics rollups (docs/analytics.md), rebuilt once after the seed (which bypasses the
 * workout events); the raw aggregations over the workouts' tables are explained beside them.
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
  const { rows: zones } = await pool.query<{ timeZone: string }>(
    'SELECT time_zone AS "timeZone" FROM users WHERE id = $1',
    [user.id],
  );
  const timeZone = zones[0].timeZone;
  const rebuilding = Date.now();
  const rollupSource = new DataSource({
    ...buildDataSourceOptions({
      url: config.databaseUrl,
      poolSize: 1,
      applicationName: 'fitai-bench-rollups',
    }),
  });
  await rollupSource.initialize();
  try {
    await new TrainingRollupsRepository(rollupSource).refresh(user.id, timeZone, null);
  } finally {
    await rollupSource.destroy();
  }
  await pool.query(
    'VACUUM (ANALYZE) analytics_session_rollups, analytics_session_exercise_rollups, analytics_week_rollups',
  );
  const rollupRebuildSeconds = (Date.now() - rebuilding) / 1000;
  log(`rebuilt the analytics rollups in ${rollupRebuildSeconds.toFixed(1)} s`);
  const [{ id: squatId }] = (
    await pool.query<{ id: string }>('SELECT id FROM exercises WHERE slug = $1', [SLUGS[0]])
  ).rows;

  const plan = [
    { label: 'GET /workouts?limit=20 (one indexed page)', path: '/api/v1/workouts?limit=20' },
    {
      label: `GET /progress/strength/:exerciseId?weeks=${PERIOD_WEEKS} (by week)`,
      path: `/api/v1/progress/strength/${squatId}?weeks=${PERIOD_WEEKS}`,
    },
    {
      label: `GET /progress/strength/:exerciseId?weeks=${PERIOD_WEEKS}&resolution=session`,
      path: `/api/v1/progress/strength/${squatId}?weeks=${PERIOD_WEEKS}&resolution=session`,
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
  const { rows } = await pool.query<{ today: string }>(
    "SELECT to_char(now() AT TIME ZONE $1, 'YYYY-MM-DD') AS today",
    [timeZone],
  );
  // The analytics routes over the same three years (docs/analytics.md).
  const today = rows[0].today;
  const threeYears = `startDate=${addDays(today, -(HISTORY_DAYS - 1))}&endDate=${today}`;
  const halves = `a=${addDays(today, -(HISTORY_DAYS - 1))}..${addDays(today, -548)}&b=${addDays(today, -547)}..${today}`;
  plan.push(
    {
      label: 'GET /analytics/overview (3 years vs the 3 before)',
      path: `/api/v1/analytics/overview?${threeYears}`,
    },
    {
      label: 'GET /analytics/volume (3 years, weekly)',
      path: `/api/v1/analytics/volume?${threeYears}`,
    },
    {
      label: 'GET /analytics/volume (3 years, monthly)',
      path: `/api/v1/analytics/volume?${threeYears}&bucket=month`,
    },
    {
      label: 'GET /analytics/frequency (3 years)',
      path: `/api/v1/analytics/frequency?${threeYears}`,
    },
    {
      label: 'GET /analytics/compare (two 1.5-year halves)',
      path: `/api/v1/analytics/compare?${halves}`,
    },
  );
  const cases = await measureAgainstPage(config, api, user, plan);

  const period = {
    userId: user.id,
    timeZone,
    ...weeksEndingOn(today, PERIOD_WEEKS),
  };
  const threeYearRange = { firstDay: addDays(today, -(HISTORY_DAYS - 1)), lastDay: today };
  const explain = await explainCaptured(config.databaseUrl, [
    {
      label: 'TrainingRollupsRepository.freshness (before every read)',
      run: (ds) => new TrainingRollupsRepository(ds).freshness(user.id),
    },
    {
      label:
        'TrainingRollupsRepository.periodTraining (overview, 3 years and the 3 before, with the streaks)',
      run: (ds) =>
        new TrainingRollupsRepository(ds).periodTraining(user.id, [
          threeYearRange,
          {
            firstDay: addDays(today, -(2 * HISTORY_DAYS - 1)),
            lastDay: addDays(today, -HISTORY_DAYS),
          },
        ]),
    },
    {
      label: 'TrainingRollupsRepository.weeklyTotals (volume, 3 years)',
      run: (ds) => new TrainingRollupsRepository(ds).weeklyTotals(user.id, threeYearRange),
    },
    {
      label: 'TrainingRollupsRepository.streaks (weeks and days, whole history)',
      run: (ds) => new TrainingRollupsRepository(ds).streaks(user.id, today),
    },
    {
      label: 'TrainingRollupsRepository.sessionBests (e1RM series by week, 156 weeks)',
      run: (ds) => new TrainingRollupsRepository(ds).sessionBests(user.id, squatId, period, 'week'),
    },
    {
      label: 'ProgressRepository.muscleVolume (from the rollups, 156 weeks)',
      run: (ds) => new ProgressRepository(ds).muscleVolume(user.id, period),
    },
    // The reference computation over the workouts' tables (what the rollups replace).
    {
      label: 'ProgressReference.sessionBests (e1RM series, 156 weeks)',
      run: (ds) => new ProgressReference(ds).sessionBests(period, squatId),
    },
    {
      label: 'ProgressReference.weeklyVolume (156 weeks)',
      run: (ds) => new ProgressReference(ds).weeklyVolume(period),
    },
    {
      label: 'ProgressReference.muscleVolume (156 weeks)',
      run: (ds) => new ProgressReference(ds).muscleVolume(period),
    },
    {
      label: 'ProgressReference.streak (weeks, whole history)',
      run: (ds) => new ProgressReference(ds).streak(period, 'week'),
    },
  ]);

  return {
    connections: config.latencyConnections,
    seconds: config.latencySeconds,
    sessions: PROGRESS_SESSIONS,
    sets,
    seedSeconds,
    rollupRebuildSeconds,
    cases,
    explain,
  };
}
