import type { Pool } from 'pg';
import { QueueName } from '../../src/infrastructure/queues/job-registry';
import { OUTBOX_CHANNEL } from '../../src/infrastructure/events/outbox-wake-up';
import { BenchConfig } from '../config';
import { BenchUser, RunningApi, WorkerPool } from '../lib/fitai';
import { expectStatus, requestJson } from '../lib/http';
import { sleep } from '../lib/processes';
import { pendingJobs } from '../lib/redis';
import { distribution, Distribution } from '../lib/stats';

const BENCH_SLUG = 'Barbell_Bench_Press_-_Medium_Grip';
const WARM_UP_EVENTS = 200;

export interface RelayRun {
  workers: number;
  events: number;
  /** Committed backlog → every row relayed (jobs in Redis, rows marked). */
  relaySeconds: number;
  relayPerSecond: number;
  /** Committed backlog → every delivery job finished (subscriber done). */
  deliveredSeconds: number;
  deliveredPerSecond: number;
}

export interface DomainEventsFigure {
  samples: number;
  /** POST /workouts/:id/complete answered (committed) → the goal's progress row rewritten by the worker. */
  commitToEffect: Distribution;
  runs: RelayRun[];
}

/** Milliseconds since an arbitrary origin, sub-millisecond. */
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Polls `done` every 5 ms (600 s at most); returns the seconds since `started`. */
async function waitUntil(
  workers: WorkerPool,
  done: () => Promise<boolean>,
  started = now(),
): Promise<number> {
  const deadline = Date.now() + 600_000;
  while (!(await done())) {
    workers.assertAlive();
    if (Date.now() > deadline) throw new Error('domain events not handled within 600 s');
    await sleep(5);
  }
  return (now() - started) / 1000;
}

async function allRelayed(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query<{ left: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM domain_events WHERE dispatched_at IS NULL) AS left',
  );
  return !rows[0].left;
}

/** No delivery waiting or running (the repeatable prune job waits in the delayed set). */
async function allDelivered(config: BenchConfig): Promise<boolean> {
  return (await pendingJobs(config.redisUrl, config.queuePrefix, QueueName.DomainEvents)) <= 1;
}

async function call(api: RunningApi, user: BenchUser, method: 'POST', path: string, body = {}) {
  return requestJson(method, `${api.baseUrl}/api/v1${path}`, { token: user.accessToken, body });
}

/** A started workout with one working set of the bench press; completing it is the sample. */
async function startedWorkout(api: RunningApi, user: BenchUser, exerciseId: string, kg: number) {
  const workout = expectStatus(await call(api, user, 'POST', '/workouts'), 201, 'POST workouts')
    .body as { id: string };
  const base = `/workouts/${workout.id}`;
  expectStatus(await call(api, user, 'POST', `${base}/exercises`, { exerciseId }), 201, 'exercise');
  expectStatus(await call(api, user, 'POST', `${base}/start`), 200, 'start');
  expectStatus(
    await call(api, user, 'POST', `${base}/exercises/${exerciseId}/sets`, { weight: kg, reps: 1 }),
    201,
    'set',
  );
  return workout.id;
}

/**
 * Latency: one worker, otherwise idle. Each sample completes a workout through the API and
 * polls PostgreSQL (every millisecond) until the goals subscriber has rewritten the user's
 * goal: the commit → outbox → NOTIFY → relay → Bull → subscriber → commit path, as a client
 * would see it, within about a millisecond.
 */
async function commitToEffect(
  config: BenchConfig,
  api: RunningApi,
  pool: Pool,
  workers: WorkerPool,
  user: BenchUser,
): Promise<Distribution> {
  const {
    rows: [{ id: exerciseId }],
  } = await pool.query<{ id: string }>('SELECT id FROM exercises WHERE slug = $1', [BENCH_SLUG]);
  const goal = expectStatus(
    await call(api, user, 'POST', '/goals', {
      type: 'strength',
      metric: 'e1rm',
      exerciseId,
      title: 'Bench 400',
      target: 400,
    }),
    201,
    'POST goals',
  ).body as { id: string };
  const updatedAt = async () =>
    (
      await pool.query<{ at: string }>('SELECT updated_at::text AS at FROM goals WHERE id = $1', [
        goal.id,
      ])
    ).rows[0].at;

  const samples: number[] = [];
  for (let i = 0; i < config.eventSamples; i++) {
    const workoutId = await startedWorkout(api, user, exerciseId, 20 + i);
    const before = await updatedAt();
    const response = await call(api, user, 'POST', `/workouts/${workoutId}/complete`);
    const committed = now();
    expectStatus(response, 200, 'complete');
    const deadline = Date.now() + 30_000;
    while ((await updatedAt()) === before) {
      workers.assertAlive();
      if (Date.now() > deadline) throw new Error('the goal did not move within 30 s');
      await sleep(1);
    }
    samples.push(now() - committed);
  }
  return distribution(samples);
}

/**
 * Throughput: a backlog of `entries.changed` events (the summaries subscriber: an indexed
 * UPDATE that matches nothing and a Redis DEL, so the pipeline itself dominates) committed in
 * one statement while the workers run, then timed until relayed and until delivered.
 */
async function relayRun(
  config: BenchConfig,
  pool: Pool,
  workers: WorkerPool,
  events: number,
): Promise<RelayRun> {
  const started = now();
  await pool.query(
    `INSERT INTO domain_events (name, payload)
     SELECT 'entries.changed',
            jsonb_build_object('userId', gen_random_uuid(), 'occurredAt', jsonb_build_array(now()))
       FROM generate_series(1, $1::int)`,
    [events],
  );
  // As a publisher does after its commit (src/infrastructure/events/outbox-wake-up.ts).
  await pool.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  const relaySeconds = await waitUntil(workers, () => allRelayed(pool), started);
  const deliveredSeconds = await waitUntil(workers, () => allDelivered(config), started);
  return {
    workers: workers.size,
    events,
    relaySeconds,
    relayPerSecond: events / relaySeconds,
    deliveredSeconds,
    deliveredPerSecond: events / deliveredSeconds,
  };
}

/**
 * Waits until every domain event is relayed and delivered: figure 1 leaves one entries.changed
 * per journal write, which the first workers process; other figures wait for it so that they
 * measure their own work.
 */
export async function domainEventsDrained(
  config: BenchConfig,
  pool: Pool,
  workers: WorkerPool,
): Promise<void> {
  await waitUntil(workers, async () => (await allRelayed(pool)) && (await allDelivered(config)));
}

/** Figure 6: domain events, commit → subscriber latency and relay throughput. */
export async function benchDomainEvents(
  config: BenchConfig,
  api: RunningApi,
  pool: Pool,
  workers: WorkerPool,
  user: BenchUser,
  log: (message: string) => void,
): Promise<DomainEventsFigure> {
  await workers.resize(1);
  // Deliveries share one queue: a backlog of earlier figures would sit in front of the samples.
  await domainEventsDrained(config, pool, workers);
  log(`figure 6: ${config.eventSamples} workouts completed one at a time, commit → goal moved`);
  const latency = await commitToEffect(config, api, pool, workers, user);
  const runs: RelayRun[] = [];
  for (const count of config.workerProcesses) {
    await workers.resize(count);
    await relayRun(config, pool, workers, WARM_UP_EVENTS);
    log(`figure 6: ${config.eventBacklog} events relayed by ${count} worker process(es)`);
    runs.push(await relayRun(config, pool, workers, config.eventBacklog));
  }
  return { samples: config.eventSamples, commitToEffect: latency, runs };
}
