import { INestApplicationContext } from '@nestjs/common';
import { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobQueue } from '../src/infrastructure/queues/job-queue.service';
import { QueueName } from '../src/infrastructure/queues/job-registry';
import { apiClient } from './support/api-client';
import { killHard, startReadyProcess } from './support/child-process';
import {
  publishBacklog,
  recordedEffects,
  RECORDED_EVENT,
  RecordingSubscriber,
} from './support/recording-subscriber';
import { TestRedisServer } from './support/redis-server';
import {
  eventually,
  registerUser,
  startApi,
  startWorker,
  TestApi,
  testConfig,
  testEnvironmentVariables,
} from './support/test-app';

/** FitAI against a Redis of this file's own, restarted empty by the tests. */
describe('Redis loses its data (e2e)', () => {
  const redis = new TestRedisServer();
  const closing: (() => Promise<unknown>)[] = [];

  beforeAll(() => redis.start());
  afterEach(async () => {
    while (closing.length) await closing.pop()!();
  });
  afterAll(() => redis.stop());

  async function api(overrides: Record<string, string> = {}): Promise<TestApi> {
    const started = await startApi(testConfig({ REDIS_URL: redis.url, ...overrides }));
    closing.push(() => started.close());
    return started;
  }

  /** Waits until the app answers ready again (its Redis connections are back). */
  async function ready(app: TestApi): Promise<void> {
    await eventually(async () => {
      const res = await request(app.http).get('/health/ready');
      return res.status === 200 ? true : undefined;
    }, 20_000);
  }

  const profile = (app: TestApi, token: string) =>
    request(app.http).get('/api/v1/users/profile').auth(token, { type: 'bearer' });
  const logout = (app: TestApi, token: string) =>
    request(app.http).post('/api/v1/auth/logout').auth(token, { type: 'bearer' }).expect(204);

  it('a logged-out token stays refused after Redis restarts empty, on every replica', async () => {
    const first = await api();
    const user = await registerUser(first.http);
    await profile(first, user.accessToken).expect(200);
    await logout(first, user.accessToken);
    await profile(first, user.accessToken).expect(401);

    await redis.restartEmpty();
    await ready(first);
    await profile(first, user.accessToken).expect(401);
    // A replica started after the loss knows it too: PostgreSQL is the truth.
    const second = await api();
    await profile(second, user.accessToken).expect(401);
  });

  it('a logout on one replica is refused by another at once (pub/sub), not after its poll', async () => {
    // Replicas of one deployment share the key prefix, and so the channel.
    const { QUEUE_PREFIX } = testEnvironmentVariables();
    const first = await api({ QUEUE_PREFIX });
    // Its own poll is a minute away: only the broadcast can tell it in time.
    const second = await api({ QUEUE_PREFIX, REVOCATIONS_POLL_MS: '60000' });
    const user = await registerUser(first.http);
    await profile(second, user.accessToken).expect(200);
    await logout(first, user.accessToken);
    await eventually(
      async () => ((await profile(second, user.accessToken)).status === 401 ? true : undefined),
      5_000,
    );
  });

  it('a pending summary whose job was lost completes, with no process restarted', async () => {
    const config = testConfig({
      REDIS_URL: redis.url,
      SUMMARY_SWEEP_AFTER_SECONDS: '5',
      RECURRING_JOBS_CHECK_MS: '500',
    });
    const app = await startApi(config);
    closing.push(() => app.close());
    const worker = await startWorker(config);
    closing.push(() => worker.close());
    const user = await registerUser(app.http);
    const client = apiClient(app.http, user);
    await client
      .post('/entries', { type: 'mood', mood: 7, occurredAt: '2026-11-10T08:00:00Z' })
      .expect(201);

    // The job is queued but never taken (queue paused), then Redis forgets it all: the job, the
    // pause, and the sweeper's schedule.
    await worker.get(JobQueue).queue(QueueName.Summaries).pause();
    const accepted = await client
      .post('/summaries', { period: 'week', from: '2026-11-10T08:00:00Z' })
      .expect(202);
    await redis.restartEmpty();

    const done = await eventually(async () => {
      const res = await client.get(`/summaries/${accepted.body.id}`).expect(200);
      return res.body.status === 'completed' ? res.body : undefined;
    }, 30_000);
    expect(done.result.statistics.entryCount).toBe(1);
  });

  it('delivers domain events whose jobs Redis lost after the relay, each once', async () => {
    const env = testEnvironmentVariables({ REDIS_URL: redis.url });
    const app = await api({ QUEUE_PREFIX: env.QUEUE_PREFIX });
    const db = app.app.get(DataSource);
    await RecordingSubscriber.resetTable(db);
    const worker = await startWorker(testConfig(env), { providers: [RecordingSubscriber] });
    closing.push(() => worker.close());

    // Relayed, but held in Redis: the deliveries wait in a paused queue.
    await app.app.get(JobQueue).queue(QueueName.DomainEvents).pause();
    await publishBacklog(db, 5);
    await eventually(async () => {
      const [{ waiting }] = await db.query(
        `SELECT count(*)::int AS waiting FROM domain_events
          WHERE name = '${RECORDED_EVENT}' AND dispatched_at IS NULL`,
      );
      return waiting === 0 ? true : undefined;
    });
    expect((await recordedEffects(db)).events).toBe(0);

    await redis.restartEmpty();
    const effects = await eventually(async () => {
      const recorded = await recordedEffects(db);
      return recorded.events === 5 ? recorded : undefined;
    }, 20_000);
    expect(effects).toEqual({ events: 5, deliveries: 5, maxDeliveries: 1 });
  });

  describe('a worker killed in the middle of a job', () => {
    let child: ChildProcess | undefined;
    let survivor: INestApplicationContext | undefined;
    afterEach(async () => {
      if (child) await killHard(child);
      await survivor?.close();
    });

    it('leaves the job to run again within 15 s with the default lock, processed once by effect', async () => {
      const env = testEnvironmentVariables({ REDIS_URL: redis.url });
      const app = await api({ QUEUE_PREFIX: env.QUEUE_PREFIX });
      const db = app.app.get(DataSource);
      await RecordingSubscriber.resetTable(db);
      const queue = app.app.get(JobQueue).queue(QueueName.DomainEvents);

      // The subscriber takes 60 s here: the kill lands in the middle of it.
      child = await startReadyProcess('test/support/recording-worker.ts', {
        ...env,
        RECORDING_DELAY_MS: '60000',
      });
      await publishBacklog(db, 1);
      await eventually(async () => ((await queue.getActiveCount()) === 1 ? true : undefined));
      await killHard(child);
      const killedAt = Date.now();

      survivor = await startWorker(testConfig(env), { providers: [RecordingSubscriber] });
      const effects = await eventually(async () => {
        const recorded = await recordedEffects(db);
        return recorded.events === 1 ? recorded : undefined;
      }, 20_000);
      expect(Date.now() - killedAt).toBeLessThan(15_000);
      expect(effects).toEqual({ events: 1, deliveries: 1, maxDeliveries: 1 });
    });
  });
});
