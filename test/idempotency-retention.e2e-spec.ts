import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { deleteInBatches } from '../src/common/database/delete-in-batches';
import { JobQueue } from '../src/infrastructure/queues/job-queue.service';
import { JobName } from '../src/infrastructure/queues/job-registry';
import { apiClient } from './support/api-client';
import {
  eventually,
  registerUser,
  startApi,
  startWorker,
  TestApi,
  testConfig,
  TestUser,
} from './support/test-app';

describe('Idempotency-Key retention (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    worker = await startWorker(testConfig({ IDEMPOTENCY_KEY_RETENTION_HOURS: '24' }));
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const entry = { type: 'meal', note: 'Porridge', occurredAt: '2026-11-20T07:00:00Z' };
  const post = (user: TestUser, key: string) =>
    apiClient(api.http, user).post('/entries', entry).set('Idempotency-Key', key);
  const keysOf = async (userId: string): Promise<string[]> =>
    (
      (await db.query('SELECT key FROM idempotency_keys WHERE user_id = $1 ORDER BY key', [
        userId,
      ])) as { key: string }[]
    ).map((row) => row.key);

  it('forgets keys past the retention, and only those: a later retry creates anew', async () => {
    const user = await registerUser(api.http);
    const first = await post(user, 'sync-old').expect(201);
    await post(user, 'sync-recent').expect(201);
    await db.query(
      `UPDATE idempotency_keys SET created_at = created_at - $3::interval
        WHERE user_id = $1 AND key = $2`,
      [user.id, 'sync-old', '25 hours'],
    );
    await db.query(
      `UPDATE idempotency_keys SET created_at = created_at - $3::interval
        WHERE user_id = $1 AND key = $2`,
      [user.id, 'sync-recent', '23 hours'],
    );

    await worker.get(JobQueue).enqueue(JobName.PruneIdempotencyKeys, {});
    await eventually(async () => ((await keysOf(user.id)).length === 1 ? true : undefined));
    expect(await keysOf(user.id)).toEqual(['sync-recent']);

    // The recent key still replays; the forgotten one is a new request.
    await post(user, 'sync-recent').expect(200);
    const later = await post(user, 'sync-old').expect(201);
    expect(later.body.id).not.toBe(first.body.id);
  });

  it('deletes in batches until nothing matches', async () => {
    // The temporary table lives on one connection: run everything through one query runner.
    const runner = db.createQueryRunner();
    try {
      await runner.query('CREATE TEMP TABLE batch_probe (n int)');
      await runner.query('INSERT INTO batch_probe SELECT generate_series(1, 10)');
      await expect(deleteInBatches(runner, 'batch_probe', 'n <= $1', [7], 3)).resolves.toBe(7);
      const rest: { n: number }[] = await runner.query('SELECT n FROM batch_probe ORDER BY n');
      expect(rest.map((row) => row.n)).toEqual([8, 9, 10]);
    } finally {
      await runner.release();
    }
  });
});
