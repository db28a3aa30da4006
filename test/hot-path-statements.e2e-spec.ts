import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { INestApplicationContext } from '@nestjs/common';
import type { Job } from 'bull';
import { PublishedDomainEvent } from '../src/infrastructure/events/domain-event-catalogue';
import { DomainEventsProcessor } from '../src/infrastructure/events/domain-events.processor';
import { JobQueue } from '../src/infrastructure/queues/job-queue.service';
import { JobData, JobName, QueueName } from '../src/infrastructure/queues/job-registry';
import { ApiClient, apiClient } from './support/api-client';
import { domainEventsSettled } from './support/domain-events';
import { isWakeUp, StatementRecorder } from './support/statement-recorder';
import {
  eventually,
  registerUser,
  startApi,
  startWorker,
  TestApi,
  testConfig,
  TestUser,
} from './support/test-app';

describe('SQL statements per request on the hot routes (e2e)', () => {
  const statements = new StatementRecorder();
  let api: TestApi;
  let db: DataSource;
  let user: TestUser;
  let phone: ApiClient;

  beforeAll(async () => {
    // The API polls revoked sessions every REVOCATIONS_POLL_MS: far apart, to keep it out.
    api = await startApi(testConfig({ REVOCATIONS_POLL_MS: '60000' }));
    db = api.app.get(DataSource);
    user = await registerUser(api.http);
    phone = apiClient(api.http, user);
    statements.start();
  });
  afterAll(async () => {
    statements.stop();
    await api.close();
  });

  it('POST /entries writes the entry and its entries.changed event in one statement', async () => {
    const listener = new Client({ connectionString: api.config.database.url });
    await listener.connect();
    const notified: string[] = [];
    listener.on('notification', (message) => notified.push(message.channel));
    await listener.query('LISTEN fitai_domain_events');
    try {
      const { requestId, sql, wakeUps } = await statements.of(
        phone
          .post('/entries', { type: 'mood', mood: 7, occurredAt: '2026-11-20T07:30:00.000Z' })
          .expect(201),
      );
      expect(sql).toHaveLength(1);
      expect(wakeUps).toBeLessThanOrEqual(1);
      expect(sql[0]).toMatch(/^WITH .*INSERT INTO "?entries"?.*INSERT INTO "?domain_events"?/);

      const [event] = await db.query(
        `SELECT name, payload, request_id AS "requestId" FROM domain_events
          WHERE payload->>'userId' = $1 ORDER BY id DESC LIMIT 1`,
        [user.id],
      );
      expect(event).toEqual({
        name: 'entries.changed',
        payload: { userId: user.id, occurredAt: ['2026-11-20T07:30:00.000Z'] },
        requestId,
      });
      // The API wakes the relay after the commit.
      await eventually(async () => (notified.length > 0 ? true : undefined));
    } finally {
      await listener.end();
    }
  });

  it('a write in a transaction wakes the relay after its COMMIT, never from inside it', async () => {
    const created = await phone.post('/entries', { type: 'mood', mood: 5 }).expect(201);
    const { all } = await statements.of(
      phone.patch(`/entries/${created.body.id}`, { mood: 6 }).expect(200),
    );
    const sent = await eventually(async () => {
      const statements = all();
      return statements.some(isWakeUp) ? statements : undefined;
    });
    expect(sent.indexOf('COMMIT')).toBeGreaterThan(-1);
    expect(sent.findIndex(isWakeUp)).toBeGreaterThan(sent.indexOf('COMMIT'));
  });

  it('POST /entries with an Idempotency-Key: the key claimed and bound with the entry in one transaction; a replay reads the entry', async () => {
    const body = { type: 'meal', note: 'Oatmeal', occurredAt: '2026-11-20T08:00:00.000Z' };
    const key = `key-${randomUUID()}`;
    const first = await statements.of(
      phone.post('/entries', body).set('Idempotency-Key', key).expect(201),
    );
    expect(first.sql).toEqual([
      'START TRANSACTION',
      expect.stringMatching(/^INSERT INTO idempotency_keys /),
      expect.stringMatching(/^WITH written AS \(INSERT INTO entries /),
      expect.stringMatching(/^UPDATE idempotency_keys /),
      'COMMIT',
    ]);
    const replay = await statements.of(
      phone.post('/entries', body).set('Idempotency-Key', key).expect(200),
    );
    expect(replay.sql).toEqual([
      'START TRANSACTION',
      expect.stringMatching(/^INSERT INTO idempotency_keys /),
      expect.stringMatching(/^SELECT .* FROM idempotency_keys /),
      'COMMIT',
      expect.stringMatching(/^SELECT .* FROM entries /),
    ]);
    const [{ events }] = await db.query(
      `SELECT count(*)::int AS events FROM domain_events
        WHERE payload->>'userId' = $1 AND payload->'occurredAt' ? '2026-11-20T08:00:00.000Z'`,
      [user.id],
    );
    expect(events).toBe(1);
  });

  it('GET /entries?limit=20 reads one statement (no count, no second lookup)', async () => {
    const { sql } = await statements.of(phone.get('/entries', { limit: 20 }).expect(200));
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/^SELECT .* FROM "?entries"?/);
  });

  it('GET /users/profile reads one statement, and authentication none', async () => {
    const { sql } = await statements.of(phone.get('/users/profile').expect(200));
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatch(/^SELECT .* FROM "?users"?/);
  });
});

describe('SQL statements per week summary on the worker (e2e)', () => {
  const statements = new StatementRecorder();
  let api: TestApi;
  let worker: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    const config = testConfig({ REVOCATIONS_POLL_MS: '60000' });
    api = await startApi(config);
    worker = await startWorker(config);
    db = api.app.get(DataSource);
    statements.start();
  });
  afterAll(async () => {
    statements.stop();
    await worker.close();
    await api.close();
  });

  it('a summary job and its summary.ready notification: six statements; a redelivered event makes no second notification, even after the first was deleted', async () => {
    const user = await registerUser(api.http);
    const phone = apiClient(api.http, user);
    for (const [day, mood] of [
      ['09', 6],
      ['10', 4],
      ['12', 8],
    ]) {
      await phone
        .post('/entries', {
          type: 'mood',
          mood,
          occurredAt: `2026-11-${day}T08:00:00Z`,
          note: 'ok',
        })
        .expect(201);
    }
    await domainEventsSettled(worker);
    // Held in the queue while the API answers: only the worker's statements are counted.
    const queue = worker.get(JobQueue).queue(QueueName.Summaries);
    await queue.pause(true);
    let requestId: string;
    let summaryId: string;
    try {
      const requested = await statements.of(
        phone.post('/summaries', { period: 'week', from: '2026-11-11T12:00:00Z' }).expect(202),
      );
      requestId = requested.requestId;
      summaryId = (await phone.get('/summaries', { limit: 1 }).expect(200)).body.items[0].id;
    } finally {
      await queue.resume(true);
    }
    await eventually(async () => {
      const [row] = await db.query(
        `SELECT 1 FROM notifications WHERE user_id = $1 AND type = 'summary.ready'`,
        [user.id],
      );
      return row;
    });
    await domainEventsSettled(worker);
    // The job and the delivery of its event carry the request's id (the relay's batch none).
    const sent = statements.sentFor(requestId).filter((statement) => !isWakeUp(statement));
    const worked = sent.slice(sent.findIndex((statement) => statement.startsWith('WITH claimed')));
    expect(worked).toEqual([
      // The claim and the period's statistics.
      expect.stringMatching(
        /^WITH claimed AS \(UPDATE "summaries" .* FROM entries e WHERE e.user_id = claimed."userId" /,
      ),
      expect.stringMatching(/^INSERT INTO ai_usage /),
      // The completion and its summary.completed event.
      expect.stringMatching(/^WITH written AS \(UPDATE summaries .*INSERT INTO domain_events /),
      // The delivery: "already delivered?" (a notification the user deleted is not made again
      // by a redelivery), then the notification written with the type's defaults, the user
      // having stored none.
      expect.stringMatching(/^SELECT .* FROM domain_event_deliveries d JOIN unnest\(/),
      expect.stringMatching(
        /^WITH input AS MATERIALIZED \(.*notification_preferences.*INSERT INTO notifications /,
      ),
      expect.stringMatching(/^INSERT INTO domain_event_deliveries /),
    ]);

    // The relay repeated (after a crash, or Redis lost its data): the same event again.
    const [event] = await db.query(
      `SELECT id::text, name, payload, occurred_at AS "occurredAt" FROM domain_events
        WHERE name = 'summary.completed' AND payload->>'summaryId' = $1`,
      [summaryId],
    );
    const redelivery = {
      data: {
        requestId: 'redelivery',
        subscriber: 'NotificationsSubscribers.summaryReady',
        event: { ...event, occurredAt: event.occurredAt.toISOString() } as PublishedDomainEvent,
      },
    } as Job<JobData<JobName.DeliverDomainEvent>>;
    // The user deleted the notification first (its source row goes with it): still not made
    // again, the delivery record decides.
    const [notification] = await db.query(
      `SELECT id FROM notifications WHERE user_id = $1 AND type = 'summary.ready'`,
      [user.id],
    );
    await phone.delete(`/notifications/${notification.id}`).expect(204);
    await expect(worker.get(DomainEventsProcessor).deliver(redelivery)).resolves.toBe('skipped');
    const [counts] = await db.query(
      `SELECT (SELECT count(*)::int FROM notifications
                WHERE user_id = $1 AND type = 'summary.ready') AS notifications,
              (SELECT count(*)::int FROM notification_sources WHERE user_id = $1) AS sources,
              (SELECT count(*)::int FROM domain_event_deliveries WHERE event_id = $2) AS deliveries`,
      [user.id, event.id],
    );
    expect(counts).toEqual({ notifications: 0, sources: 0, deliveries: 1 });
  });
  it('16 summaries at once: their jobs share statements (claims, metering, completions, delivery checks, notifications and delivery records go as batches)', async () => {
    const count = 16;
    const user = await registerUser(api.http);
    const phone = apiClient(api.http, user);
    const queue = worker.get(JobQueue).queue(QueueName.Summaries);
    await queue.pause(true);
    let mark: number;
    try {
      // Sixteen weeks of 2026, each requested while the queue holds their jobs.
      for (let week = 0; week < count; week += 1) {
        const from = new Date(Date.UTC(2026, 0, 7 + 7 * week, 12)).toISOString();
        await phone.post('/summaries', { period: 'week', from }).expect(202);
      }
      mark = statements.mark();
    } finally {
      await queue.resume(true);
    }
    await eventually(async () => {
      const [{ notified }] = await db.query(
        `SELECT count(*)::int AS notified FROM notifications
          WHERE user_id = $1 AND type = 'summary.ready'`,
        [user.id],
      );
      return notified === count ? true : undefined;
    }, 30_000);
    await domainEventsSettled(worker);
    const sent = statements.sentSince(mark).filter((statement) => !isWakeUp(statement));
    const shapes = {
      claims: sent.filter((sql) => sql.startsWith('WITH claimed AS (UPDATE "summaries"')).length,
      metering: sent.filter((sql) => sql.startsWith('INSERT INTO ai_usage')).length,
      completions: sent.filter((sql) => sql.startsWith('WITH written AS (UPDATE summaries')).length,
      deliveryChecks: sent.filter((sql) =>
        /^SELECT .* FROM domain_event_deliveries d JOIN/.test(sql),
      ).length,
      notifications: sent.filter((sql) =>
        /^WITH input AS MATERIALIZED .*INSERT INTO notifications/.test(sql),
      ).length,
      deliveryRecords: sent.filter((sql) => sql.startsWith('INSERT INTO domain_event_deliveries'))
        .length,
    };
    const perSummary = sent.length / count;
    // The figure for docs/decisions.md: what N jobs at once cost, the relay's share included.
    console.log({ summaries: count, statements: sent.length, perSummary, ...shapes });
    const [{ completed }] = await db.query(
      `SELECT count(*)::int AS completed FROM summaries WHERE user_id = $1 AND status = 'completed'`,
      [user.id],
    );
    expect(completed).toBe(count);
    // One job alone sends one statement of each shape (six, the test above). The claims of the
    // jobs the resumed queue hands out at once share statements; how many of the later steps
    // share one depends on the jobs' timing (per-shape proofs: worker-batching.e2e-spec.ts).
    expect(shapes.claims).toBeLessThan(count);
    const batched = Object.values(shapes).reduce((sum, shape) => sum + shape, 0);
    expect(batched).toBeLessThan(6 * count);
  });
});
