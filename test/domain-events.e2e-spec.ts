import { INestApplicationContext, Injectable } from '@nestjs/common';
import { ChildProcess } from 'node:child_process';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALL_DOMAIN_EVENT_NAMES,
  PublishedDomainEvent,
} from '../src/infrastructure/events/domain-event-catalogue';
import { DomainEventSubscribers } from '../src/infrastructure/events/domain-event-subscribers';
import { JobQueue } from '../src/infrastructure/queues/job-queue.service';
import { JobName } from '../src/infrastructure/queues/job-registry';
import { OnDomainEvent } from '../src/infrastructure/events/on-domain-event.decorator';
import { ApiClient, registerClient } from './support/api-client';
import { killHard, startReadyProcess } from './support/child-process';
import { domainEventsSettled, publishedEventsOf } from './support/domain-events';
import { BENCH_PRESS, completedWorkout, libraryExerciseIds } from './support/fixtures';
import {
  publishBacklog,
  recordedEffects,
  RECORDED_EVENT,
  RecordingSubscriber,
} from './support/recording-subscriber';
import { TcpProxy } from './support/tcp-proxy';
import {
  eventually,
  registerAdmin,
  startApi,
  startWorker,
  TestApi,
  testConfig,
  testEnvironmentVariables,
} from './support/test-app';

/** A subscriber that always fails: its failures must stay its own. */
@Injectable()
class FailingSubscriber {
  @OnDomainEvent('workout.completed')
  async workoutCompleted(_event: PublishedDomainEvent<'workout.completed'>): Promise<void> {
    throw new Error('the failing subscriber failed');
  }
}

describe('domain events through the outbox (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let bench: string;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    ({ bench } = await libraryExerciseIds(db, { bench: BENCH_PRESS }));
    await RecordingSubscriber.resetTable(db);
  });
  afterAll(() => api.close());

  async function newUser(): Promise<{ id: string; phone: ApiClient }> {
    const { user, client } = await registerClient(api.http);
    return { id: user.id, phone: client };
  }

  /** A bench workout of one working single at `weight`, completed through the API. */
  async function benchSingle(phone: ApiClient, weight: number): Promise<string> {
    const workout = await completedWorkout(phone, [{ exerciseId: bench, weight, reps: 1 }]);
    return workout.id as string;
  }

  /** A strength goal from a 100 kg single to `target`, created through the API. */
  async function benchGoal(phone: ApiClient, target: number): Promise<string> {
    await benchSingle(phone, 100);
    const goal = await phone
      .post('/goals', { type: 'strength', metric: 'e1rm', exerciseId: bench, title: 'B', target })
      .expect(201);
    return goal.body.id as string;
  }

  function progressOf(phone: ApiClient, goalId: string): Promise<number> {
    return phone
      .get(`/goals/${goalId}/progress`)
      .expect(200)
      .then((res) => res.body.percent as number);
  }

  it('are documented: docs/architecture.md names every event and exactly the subscribers the worker finds', async () => {
    const worker = await startWorker(testConfig());
    try {
      const found = worker.get(DomainEventSubscribers).all();
      const doc = readFileSync(join(__dirname, '..', 'docs', 'architecture.md'), 'utf8');
      for (const name of ALL_DOMAIN_EVENT_NAMES) {
        const row = doc.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
        expect({ name, row: row !== undefined }).toEqual({ name, row: true });
        const documented = [...row!.split('|')[4].matchAll(/`([\w.]+)`/g)].map((m) => m[1]);
        const discovered = found.filter((s) => s.events.includes(name)).map((s) => s.name);
        expect({ name, subscribers: documented.sort() }).toEqual({
          name,
          subscribers: discovered.sort(),
        });
      }
    } finally {
      await worker.close();
    }
  });

  it('publishes a completion and its records in its transaction, and a refused one not at all', async () => {
    const { id: userId, phone } = await newUser();
    const done = await completedWorkout(phone, [{ exerciseId: bench, weight: 100, reps: 1 }]);
    const workoutId = done.id as string;
    const recordIds = (done.personalRecords as { id: string }[]).map((r) => r.id).sort();
    expect(recordIds.length).toBeGreaterThan(0);

    await phone.post(`/workouts/${workoutId}/complete`).expect(409);

    const events = await publishedEventsOf(db, userId);
    expect(events[0]).toEqual({
      name: 'workout.completed',
      payload: { userId, workoutId, sessionAt: done.sessionAt, completedAt: done.completedAt },
    });
    expect(events.slice(1).map((e) => e.name)).toEqual(recordIds.map(() => 'personal-record.set'));
    expect(
      events
        .slice(1)
        .map((e) => (e.payload as { recordId: string }).recordId)
        .sort(),
    ).toEqual(recordIds);
  });

  describe('with a worker that has a failing subscriber', () => {
    let worker: INestApplicationContext;

    beforeAll(async () => {
      worker = await startWorker(testConfig({ QUEUE_PREFIX: api.config.queue.prefix }), {
        providers: [FailingSubscriber],
      });
    });
    afterAll(() => worker.close());

    it('answers the request as if nothing failed; the other subscribers act; the failure is a dead letter ops can list', async () => {
      const { id: userId, phone } = await newUser();
      const goalId = await benchGoal(phone, 120);
      await domainEventsSettled(api.app);

      const workoutId = await benchSingle(phone, 110);

      // Goals reacted to the same event: 100 → 110 of 120 is half way.
      await eventually(async () => ((await progressOf(phone, goalId)) === 50 ? true : undefined));
      // The goal announced its milestones through the outbox too.
      await eventually(async () => {
        const names = (await publishedEventsOf(db, userId)).map((e) => e.name);
        return names.filter((n) => n === 'goal.milestone-reached').length === 2 ? true : undefined;
      });

      const admin = await registerAdmin(api);
      const failed = await eventually(async () => {
        const res = await request(api.http)
          .get('/api/v1/admin/queues/domain-events/failed')
          .auth(admin.accessToken, { type: 'bearer' })
          .expect(200);
        const mine = (
          res.body.items as { name: string; data: Record<string, unknown>; failedReason: string }[]
        ).filter(
          (job) =>
            (job.data.event as PublishedDomainEvent<'workout.completed'>).payload.workoutId ===
            workoutId,
        );
        return mine.length > 0 ? mine : undefined;
      });
      expect(failed).toEqual([
        expect.objectContaining({
          name: 'deliver-domain-event',
          failedReason: 'the failing subscriber failed',
          data: expect.objectContaining({ subscriber: 'FailingSubscriber.workoutCompleted' }),
        }),
      ]);
    });
  });

  it('moves a goal from a workout completed while Redis was down, once it is back, with no retry by the client', async () => {
    // The API and the worker both reach Redis through a proxy the test cuts.
    const proxy = new TcpProxy('127.0.0.1', Number(new URL(api.config.redis.url).port || 6379));
    const redisUrl = new URL(api.config.redis.url);
    redisUrl.host = `127.0.0.1:${await proxy.start()}`;
    const config = testConfig({ REDIS_URL: redisUrl.toString(), OUTBOX_RETRY_MAX_MS: '500' });
    const behindProxy = await startApi(config);
    const worker = await startWorker(config);
    try {
      const { client: phone } = await registerClient(behindProxy.http);
      const goalId = await benchGoal(phone, 120);
      await domainEventsSettled(worker);

      await proxy.cut();
      // Signed in (revocations are in memory), not throttled (the general limit fails open),
      // and the completion commits its event to PostgreSQL: Redis is not on the way.
      const workoutId = await benchSingle(phone, 110);
      // The relay tried and was refused: the event waits in PostgreSQL, the goal has not moved.
      await eventually(async () => {
        const [row] = await db.query(
          `SELECT relay_attempts, dispatched_at FROM domain_events
            WHERE name = 'workout.completed' AND payload->>'workoutId' = $1`,
          [workoutId],
        );
        return row.relay_attempts > 0 && row.dispatched_at === null ? true : undefined;
      });
      expect(await progressOf(phone, goalId)).toBe(0);

      await proxy.start();
      await eventually(async () => ((await progressOf(phone, goalId)) === 50 ? true : undefined));
    } finally {
      await worker.close();
      await behindProxy.close();
      await proxy.cut();
    }
  });

  it('prunes relayed events past the retention period, and only those', async () => {
    const worker = await startWorker(testConfig({ OUTBOX_RETENTION_HOURS: '24' }));
    try {
      const insert = async (age: string, relayed: boolean): Promise<string> => {
        const [{ id }] = await db.query(
          `INSERT INTO domain_events (name, payload, occurred_at, dispatched_at)
           VALUES ('goal.achieved', '{"userId":"u","goalId":"g"}', now() - $1::interval,
                   CASE WHEN $2 THEN now() - $1::interval END)
           RETURNING id::text`,
          [age, relayed],
        );
        return id;
      };
      const old = await insert('25 hours', true);
      const recent = await insert('23 hours', true);
      // Not relayed (say, a backlog while no worker ran): kept whatever its age, and relayed.
      const waiting = await insert('30 days', false);

      await worker.get(JobQueue).enqueue(JobName.PruneDomainEvents, {});
      await eventually(async () => {
        const rows: { id: string }[] = await db.query(
          'SELECT id::text FROM domain_events WHERE id = ANY($1::bigint[])',
          [[old, recent, waiting]],
        );
        return rows.length === 2 ? rows.map((row) => row.id).sort() : undefined;
      });
      const kept: { id: string }[] = await db.query(
        'SELECT id::text FROM domain_events WHERE id = ANY($1::bigint[]) ORDER BY id',
        [[old, recent, waiting]],
      );
      expect(kept.map((row) => row.id)).toEqual([recent, waiting]);
    } finally {
      await worker.close();
    }
  });

  describe('worker processes relaying one outbox', () => {
    let children: ChildProcess[] = [];
    let workers: INestApplicationContext[] = [];
    /** One Redis namespace for the processes of a test; JOB_LOCK_MS short, so a job whose worker was killed runs again soon. */
    let env: Record<string, string>;

    beforeEach(async () => {
      await RecordingSubscriber.resetTable(db);
      await db.query(`DELETE FROM domain_events WHERE name = '${RECORDED_EVENT}'`);
      env = testEnvironmentVariables({ JOB_LOCK_MS: '2000' });
    });
    afterEach(async () => {
      await Promise.all(children.map(killHard));
      await Promise.all(workers.map((worker) => worker.close()));
      children = [];
      workers = [];
    });

    const childWorker = async (overrides: Record<string, string> = {}) => {
      const child = await startReadyProcess('test/support/recording-worker.ts', {
        ...env,
        ...overrides,
      });
      children.push(child);
      return child;
    };
    const inProcessWorker = async () => {
      const worker = await startWorker(testConfig(env), { providers: [RecordingSubscriber] });
      workers.push(worker);
      return worker;
    };

    async function allHandled(count: number) {
      return eventually(async () => {
        const effects = await recordedEffects(db);
        return effects.events === count ? effects : undefined;
      }, 60_000);
    }

    it('publish a backlog of an event no product subscriber handles (the tests time the relay)', async () => {
      const worker = await inProcessWorker();
      const product = worker
        .get(DomainEventSubscribers)
        .subscribersOf(RECORDED_EVENT)
        .filter((name) => !name.startsWith(RecordingSubscriber.name));
      expect(product).toEqual([]);
    });

    it('two processes relay the same backlog: every event handled exactly once', async () => {
      const count = 800;
      await childWorker({ OUTBOX_BATCH_SIZE: '20' });
      const worker = await inProcessWorker();
      await publishBacklog(db, count);

      await allHandled(count);
      await domainEventsSettled(worker);
      const effects = await recordedEffects(db);
      expect(effects).toEqual({ events: count, deliveries: count, maxDeliveries: 1 });
      // Both processes took part.
      const [{ pids }] = await db.query(
        `SELECT count(DISTINCT pid)::int AS pids FROM ${RecordingSubscriber.table}`,
      );
      expect(pids).toBe(2);
      // A backlog of hundreds: minutes on a loaded machine, where the default 30 s is not enough.
    }, 120_000);

    it('a worker killed with SIGKILL in the middle of relaying loses nothing and repeats nothing', async () => {
      const count = 1_500;
      // One event per relay transaction: the kill lands inside one, with jobs maybe queued.
      const inFlight = 4;
      const doomed = await childWorker({
        OUTBOX_BATCH_SIZE: '1',
        JOB_CONCURRENCY: String(inFlight),
      });
      await publishBacklog(db, count);
      await eventually(async () => {
        const [{ relayed }] = await db.query(
          `SELECT count(*)::int AS relayed FROM domain_events
            WHERE name = '${RECORDED_EVENT}' AND dispatched_at IS NOT NULL`,
        );
        return relayed >= 100 ? true : undefined;
      });
      await killHard(doomed);
      const [{ left }] = await db.query(
        `SELECT count(*)::int AS left FROM domain_events
          WHERE name = '${RECORDED_EVENT}' AND dispatched_at IS NULL`,
      );
      expect(left).toBeGreaterThan(0);

      const worker = await inProcessWorker();
      await allHandled(count);
      await domainEventsSettled(worker);
      const effects = await recordedEffects(db);
      expect(effects.events).toBe(count);
      // At most the deliveries the killed process was running (JOB_CONCURRENCY of them) can run
      // again, once their locks expire.
      expect(effects.deliveries).toBeLessThanOrEqual(count + inFlight);
      expect(effects.maxDeliveries).toBeLessThanOrEqual(2);
    }, 120_000);
  });
});
