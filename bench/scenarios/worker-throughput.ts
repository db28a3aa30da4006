import Bull from 'bull';
import type { Pool } from 'pg';
import { QueueName } from '../../src/infrastructure/queues/job-registry';
import { BenchConfig } from '../config';
import { BenchUser, RunningApi, WorkerPool } from '../lib/fitai';
import { expectStatus, mapConcurrent, requestJson } from '../lib/http';
import { sleep } from '../lib/processes';
import { pendingJobs } from '../lib/redis';
import { domainEventsDrained } from './domain-events';

const DAY_MS = 86_400_000;
/** Seeded entries per user and week: three a day. */
export const ENTRIES_PER_WEEK = 21;

export interface WorkerRun {
  workers: number;
  summaries: number;
  /** From resuming the (pre-filled, paused) queue until the last one is completed. */
  seconds: number;
  perSecond: number;
  /** Mean time one job spent processing (started_at → completed_at). */
  averageJobMs: number;
  /**
   * CPU time the worker processes used per summary over the timed batch (Linux only): what a
   * job costs, whatever else shares the machine.
   */
  workerCpuMsPerJob: number | null;
  /** How long the API took to accept the requests (202s), for context only. */
  enqueueSeconds: number;
}

export interface WorkerFigure {
  entriesPerWeek: number;
  runs: WorkerRun[];
}

/** Monday 00:00 UTC of the ISO week `weeksAgo` weeks before the current one. */
export function weekStart(weeksAgo: number, now = new Date()): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const sinceMonday = (new Date(today).getUTCDay() + 6) % 7;
  return new Date(today - sinceMonday * DAY_MS - weeksAgo * 7 * DAY_MS);
}

/** An instant inside the week (Wednesday noon): the `from` of a summary request. */
export function midWeek(start: Date): string {
  return new Date(start.getTime() + 2.5 * DAY_MS).toISOString();
}

/** ENTRIES_PER_WEEK entries for every user in every given week, in one INSERT ... SELECT. */
export async function seedWeeks(pool: Pool, userIds: string[], weeks: Date[]): Promise<void> {
  await pool.query(
    `INSERT INTO entries (user_id, occurred_at, type, mood, energy, note, tags)
     SELECT u.id,
            w.start + (interval '8 hours') * i + (interval '1 minute') * (7 + (u.n * 13 + i * 29) % 400),
            (ARRAY['mood','habit','activity','meal','sleep','custom']::entry_type[])[1 + (u.n + i) % 6],
            CASE WHEN (u.n + i) % 5 = 4 THEN NULL ELSE 1 + (u.n * 3 + i * 7) % 10 END,
            1 + (u.n + i * 3) % 10,
            CASE (u.n + i) % 4
              WHEN 0 THEN 'Great morning run, felt strong and happy'
              WHEN 1 THEN 'Slept badly, tired and grumpy all day'
              WHEN 2 THEN 'Lovely lunch with friends, relaxed afternoon'
            END,
            CASE (u.n + i) % 5 WHEN 0 THEN ARRAY['running']
                               WHEN 1 THEN ARRAY['sleep', 'late']
                               WHEN 2 THEN ARRAY['friends', 'outside']
                               WHEN 3 THEN ARRAY['work']
                               ELSE ARRAY[]::text[] END
       FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, n),
            unnest($2::timestamptz[]) AS w(start),
            generate_series(0, ${ENTRIES_PER_WEEK - 1}) AS i`,
    [userIds, weeks],
  );
}

async function waitForEmailQueue(config: BenchConfig, workers: WorkerPool): Promise<void> {
  const deadline = Date.now() + 120_000;
  while ((await pendingJobs(config.redisUrl, config.queuePrefix, QueueName.Emails)) > 0) {
    workers.assertAlive();
    if (Date.now() > deadline) throw new Error('welcome emails still queued after 120 s');
    await sleep(100);
  }
}

const WHERE_WEEK = `period = 'week' AND period_start = $1`;

/** Requests one week summary per user through the API (each answered 202). */
async function requestWeek(api: RunningApi, users: BenchUser[], week: Date): Promise<void> {
  await mapConcurrent(users, 8, async (user) =>
    expectStatus(
      await requestJson('POST', `${api.baseUrl}/api/v1/summaries`, {
        token: user.accessToken,
        body: { period: 'week', from: midWeek(week) },
      }),
      202,
      'POST summaries',
    ),
  );
}

/** Polls PostgreSQL until `count` summaries of the week are completed. */
async function waitCompleted(
  pool: Pool,
  week: Date,
  count: number,
  workers: WorkerPool,
): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const { rows } = await pool.query<{ completed: number; failed: number }>(
      `SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed,
              count(*) FILTER (WHERE status = 'failed')::int AS failed
         FROM summaries WHERE ${WHERE_WEEK}`,
      [week],
    );
    if (rows[0].failed > 0) throw new Error(`${rows[0].failed} summaries failed`);
    if (rows[0].completed >= count) return;
    workers.assertAlive();
    if (Date.now() > deadline) {
      throw new Error(`only ${rows[0].completed} of ${count} summaries after 300 s`);
    }
    await sleep(10);
  }
}

/**
 * Figure 3: week summaries per second. Per run, the workers first compute one week for every
 * user untimed (warm-up: JIT, connections). Then the summaries queue is paused (Bull global
 * pause), every user requests another week through the API (202), the queue is resumed and
 * the clock runs until PostgreSQL shows all of them completed. Uses two weeks per run.
 */
export async function benchWorkerThroughput(
  config: BenchConfig,
  api: RunningApi,
  pool: Pool,
  workers: WorkerPool,
  users: BenchUser[],
  weeks: Date[],
  log: (message: string) => void,
): Promise<WorkerFigure> {
  if (weeks.length < 2 * config.workerProcesses.length) throw new Error('two weeks per run');
  const queue = new Bull(QueueName.Summaries, config.redisUrl, { prefix: config.queuePrefix });
  const runs: WorkerRun[] = [];
  try {
    for (const [index, count] of config.workerProcesses.entries()) {
      const [warmUpWeek, week] = weeks.slice(2 * index, 2 * index + 2);
      await workers.resize(count);
      // Registering users queued welcome emails: let the workers finish them first.
      await waitForEmailQueue(config, workers);
      await domainEventsDrained(config, pool, workers);
      await requestWeek(api, users, warmUpWeek);
      await waitCompleted(pool, warmUpWeek, users.length, workers);

      await queue.pause(false, true);
      const enqueueStarted = Date.now();
      await requestWeek(api, users, week);
      const enqueueSeconds = (Date.now() - enqueueStarted) / 1000;
      const { rows: early } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM summaries WHERE ${WHERE_WEEK} AND status <> 'pending'`,
        [week],
      );
      if (early[0].n > 0) throw new Error('summaries were processed while the queue was paused');

      const cpuBefore = await workers.cpuSeconds();
      const started = process.hrtime.bigint();
      await queue.resume(false);
      await waitCompleted(pool, week, users.length, workers);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpuAfter = await workers.cpuSeconds();
      const { rows: stats } = await pool.query<{ avg_ms: number }>(
        `SELECT (avg(extract(epoch FROM completed_at - started_at)) * 1000)::float AS avg_ms
           FROM summaries WHERE ${WHERE_WEEK}`,
        [week],
      );
      const run: WorkerRun = {
        workers: count,
        summaries: users.length,
        seconds,
        perSecond: users.length / seconds,
        averageJobMs: stats[0].avg_ms,
        workerCpuMsPerJob:
          cpuBefore === null || cpuAfter === null
            ? null
            : ((cpuAfter - cpuBefore) * 1000) / users.length,
        enqueueSeconds,
      };
      log(
        `${count} worker process(es): ${users.length} summaries in ${seconds.toFixed(2)} s ` +
          `= ${run.perSecond.toFixed(1)}/s` +
          (run.workerCpuMsPerJob === null
            ? ''
            : `, worker CPU ${run.workerCpuMsPerJob.toFixed(2)} ms per summary`),
      );
      runs.push(run);
    }
  } finally {
    await queue.resume(false).catch(() => undefined);
    await queue.close();
  }
  return { entriesPerWeek: ENTRIES_PER_WEEK, runs };
}
