import Bull from 'bull';
import type { Pool } from 'pg';
import { BenchConfig } from '../config';
import { BenchUser, WorkerPool } from '../lib/fitai';
import { SEEDED_LIFTS, seedSessions, seedWorkingSets } from '../lib/seed';
import { distribution, Distribution } from '../lib/stats';

/** Years of history of the measured users, one user each. */
export const HISTORY_YEARS = [1, 2, 3];
/** A session every ~1.1 days (as figure 5's athlete), 4 exercises × 4 working sets, RPE 6–9. */
const DAYS_PER_SESSION = 1.1;
const SETS_PER_EXERCISE = 4;
const SLUGS = SEEDED_LIFTS;

export interface RecommendationsUserFigure {
  years: number;
  sessions: number;
  sets: number;
  /** Job enqueued → finished, as a caller of the queue sees it. */
  endToEnd: Distribution;
  /** The worker's part (Bull's processedOn → finishedOn): reads, rules, the write. */
  processing: Distribution;
  /** What the last computation kept (the current list's size). */
  recommendations: number;
}

export interface RecommendationsFigure {
  workers: number;
  rounds: number;
  seedSeconds: number;
  users: RecommendationsUserFigure[];
}

/**
 * Completed workouts over `years` (newest yesterday), each with the four exercises, their
 * working sets with a logged RPE, and a duration of 50–80 minutes (120 in the last week: a
 * load spike, so a recommendation is written): what the training load, the volume per muscle
 * and the consistency rules read.
 */
async function seedHistory(pool: Pool, userId: string, years: number): Promise<number> {
  const days = Math.round(years * 365);
  await seedSessions(pool, userId, {
    sessions: Math.floor(days / DAYS_PER_SESSION),
    days,
    minutesSql: 'CASE WHEN i <= 6 THEN 120 ELSE 50 + i % 31 END',
  });
  return seedWorkingSets(pool, userId, {
    slugs: SLUGS,
    setsPerExercise: SETS_PER_EXERCISE,
    loadSql: '60 + 20 * we.position',
    rpeSql: '6 + (p + we.position) % 4',
  });
}

/**
 * Figure 15: a user's recommendations recomputed in the worker (one worker process otherwise
 * idle), for users with 1, 2 and 3 years of history: the job RecomputeRecommendations is
 * enqueued directly (as the tick does) one at a time, `rounds` times per user after one
 * warm-up; Bull's timestamps give the worker's processing time.
 */
export async function benchRecommendations(
  config: BenchConfig,
  pool: Pool,
  workers: WorkerPool,
  users: BenchUser[],
  rounds: number,
  log: (line: string) => void,
): Promise<RecommendationsFigure> {
  const seedStarted = Date.now();
  const seeded: { user: BenchUser; years: number; sessions: number; sets: number }[] = [];
  for (const [i, years] of HISTORY_YEARS.entries()) {
    const user = users[i];
    const sets = await seedHistory(pool, user.id, years);
    const {
      rows: [{ sessions }],
    } = await pool.query<{ sessions: number }>(
      `SELECT count(*)::int AS sessions FROM workouts WHERE user_id = $1`,
      [user.id],
    );
    seeded.push({ user, years, sessions, sets });
  }
  await pool.query('VACUUM (ANALYZE) workouts, workout_sets');
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  log(`figure 15: ${seeded.length} users seeded in ${seedSeconds.toFixed(1)} s`);

  await workers.resize(1);
  const queue = new Bull('recommendations', {
    prefix: config.queuePrefix,
    redis: config.redisUrl,
  });
  try {
    const figures: RecommendationsUserFigure[] = [];
    for (const { user, years, sessions, sets } of seeded) {
      const endToEnd: number[] = [];
      const processing: number[] = [];
      let recommendations = 0;
      for (let round = 0; round <= rounds; round += 1) {
        const started = process.hrtime.bigint();
        const job = await queue.add(
          'recompute-recommendations',
          { userId: user.id },
          { jobId: `bench:${user.id}:${round}`, removeOnComplete: false, attempts: 1 },
        );
        const outcome = (await job.finished()) as { inserted: number; refreshed: number };
        const wall = Number(process.hrtime.bigint() - started) / 1e6;
        workers.assertAlive();
        const done = await queue.getJob(job.id);
        if (round === 0) continue; // warm-up: first queries of the user, JIT
        endToEnd.push(wall);
        if (done?.processedOn && done.finishedOn) {
          processing.push(done.finishedOn - done.processedOn);
        }
        recommendations = outcome.inserted + outcome.refreshed;
      }
      figures.push({
        years,
        sessions,
        sets,
        endToEnd: distribution(endToEnd),
        processing: distribution(processing),
        recommendations,
      });
    }
    return { workers: 1, rounds, seedSeconds, users: figures };
  } finally {
    await queue.close();
  }
}
