import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ApiClient, apiClient } from './support/api-client';
import { isWakeUp, StatementRecorder } from './support/statement-recorder';
import {
  eventually,
  registerUser,
  startApi,
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
