import { INestApplicationContext } from '@nestjs/common';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { addDays, localDate } from '../src/common/time/local-date';
import { MailMessage, MailTransport, SentMail } from '../src/infrastructure/mail/mail-transport';
import { JobQueue } from '../src/infrastructure/queues/job-queue.service';
import { ALL_QUEUE_NAMES, JobName } from '../src/infrastructure/queues/job-registry';
import { createRedisClient } from '../src/infrastructure/redis/redis.module';
import { Storage } from '../src/infrastructure/storage/storage';
import {
  JSON_MENTION_STATEMENTS,
  USER_DATA_POLICIES,
} from '../src/modules/account-deletion/user-data-policies';
import { discoverUserReferences } from '../src/modules/account-deletion/user-references';
import { AccountDeletionService } from '../src/modules/account-deletion/account-deletion.service';
import { BENCH_PRESS, completedWorkout, libraryExerciseIds } from './support/fixtures';
import { befriend, Member, verifiedMember } from './support/social';
import { connected, connectSocket, disconnected, listening } from './support/sockets';
import { eventually, startApi, startWorker, TestApi, testConfig } from './support/test-app';

class RecordingTransport extends MailTransport {
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage): Promise<SentMail> {
    this.sent.push(message);
    return { messageId: `<${this.sent.length}@test>` };
  }
}

describe('account deletion (e2e)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let db: DataSource;
  let redis: Redis;
  let storage: Storage;
  let transport: RecordingTransport;
  let bench: string;
  let baseUrl: string;

  beforeAll(async () => {
    // The default grace period (7 days); a test that needs the purge moves the due date to
    // the past, as time would. The tick runs every 200 ms.
    const config = testConfig({ ACCOUNTS_TICK_MS: '200' });
    api = await startApi(config);
    transport = new RecordingTransport();
    db = api.app.get(DataSource);
    storage = api.app.get(Storage);
    redis = createRedisClient(config, 'test-account-deletion', config.redis.url, {
      prefixKeys: false,
    });
    ({ bench } = await libraryExerciseIds(db, { bench: BENCH_PRESS }));
    baseUrl = await listening(api);
  }, 60_000);
  // The worker's start is kept as a promise: a test that times out while it starts would
  // otherwise leave it running unseen by afterAll (and the Jest worker unable to exit).
  let workerStarting: Promise<INestApplicationContext> | undefined;
  afterAll(async () => {
    await (await workerStarting?.catch(() => undefined))?.close();
    await api?.close();
    await redis?.quit();
  });

  const startTheWorker = async () => {
    workerStarting ??= startWorker(api.config, { mailTransport: transport });
    worker = await workerStarting;
  };

  it('every column that references an account has a purge policy, and no policy is stale', async () => {
    const references = await discoverUserReferences(db.manager);
    const keys = references.map((ref) => `${ref.table}.${ref.column}`);
    expect(keys.filter((key) => !USER_DATA_POLICIES[key])).toEqual([]);
    expect(Object.keys(USER_DATA_POLICIES).filter((key) => !keys.includes(key))).toEqual([]);
    // Found by foreign key and by name alike (moderation_log keeps ids without foreign keys).
    expect(keys).toEqual(
      expect.arrayContaining(['workouts.user_id', 'moderation_log.moderator_id']),
    );
  });

  /** A user with data in many areas, a friend who comments on their posts, and an outsider. */
  async function populated(): Promise<{ victim: Member; friend: Member; friendPost: string }> {
    const [victim, friend] = await Promise.all([verifiedMember(api), verifiedMember(api)]);
    await befriend(victim, friend);
    await completedWorkout(victim.client, [{ exerciseId: bench, weight: 60, reps: 5 }]);
    await victim.client
      .post('/entries', { type: 'meal', note: 'Oatmeal', occurredAt: '2026-11-06T07:00:00Z' })
      .expect(201);
    await victim.client.post('/progress/body', { weight: 80 }).expect(201);
    await victim.client
      .post('/goals', { type: 'body', metric: 'body_weight', title: 'Cut to 78', target: 78 })
      .expect(201);
    const own = await victim.client.post('/feed', { text: 'my post' }).expect(201);
    await friend.client.post(`/feed/${own.body.id}/comments`, { text: 'nice!' }).expect(201);
    const friendPost = (await friend.client.post('/feed', { text: 'leg day' }).expect(201)).body
      .id as string;
    await victim.client.post(`/feed/${friendPost}/comments`, { text: 'looks hard' }).expect(201);
    await victim.client.post(`/feed/${friendPost}/like`).expect(204);
    await victim.client
      .post('/admin/content/report', {
        targetType: 'activity',
        targetId: friendPost,
        reason: 'spam',
      })
      .expect(202);
    const challenge = await friend.client
      .post('/challenges', {
        title: 'Volume week',
        kind: 'volume',
        visibility: 'public',
        startsOn: addDays(localDate('UTC'), -1),
        endsOn: addDays(localDate('UTC'), 5),
      })
      .expect(201);
    await victim.client.post(`/challenges/${challenge.body.id}/join`).expect(200);
    // Files, a Redis key and a job of theirs.
    await storage.put(`avatars/${victim.user.id}/abc-256.webp`, Buffer.from('x'), {
      contentType: 'image/webp',
    });
    await storage.put(`exports/${victim.user.id}/export.zip`, Buffer.from('zip'), {
      contentType: 'application/zip',
    });
    await redis.set(`${api.config.queue.prefix}:app:cache:profile:${victim.user.id}`, '{}');
    await api.app
      .get(JobQueue)
      .enqueue(
        JobName.SendWelcomeEmail,
        { userId: victim.user.id },
        { jobId: `welcome-later:${victim.user.id}`, delayMs: 3_600_000 },
      );
    return { victim, friend, friendPost };
  }

  async function rowsMentioning(id: string): Promise<Record<string, number>> {
    const tables: { table: string }[] = await db.query(
      `SELECT table_name AS "table" FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const found: Record<string, number> = {};
    for (const { table } of tables) {
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM "${table}" t WHERE strpos(t::text, $1) > 0`,
        [id],
      );
      if (n > 0) found[table] = n;
    }
    return found;
  }

  it('purges everything of the account after the grace period, anonymising what others depend on', async () => {
    const { victim, friend, friendPost } = await populated();
    const socket = connectSocket(baseUrl, victim.user.accessToken);
    await connected(socket);
    expect(Object.keys(await rowsMentioning(victim.user.id)).length).toBeGreaterThan(10);

    await victim.client.delete('/users/account').send({ password: 'wrong one' }).expect(400);
    const scheduled = await victim.client
      .delete('/users/account')
      .send({ password: victim.user.password })
      .expect(202);
    expect(scheduled.body).toMatchObject({ status: 'scheduled', cancellable: true });
    // The grace period passes.
    await db.query(`UPDATE account_deletions SET due_at = now() WHERE user_id = $1`, [
      victim.user.id,
    ]);

    await startTheWorker();
    await eventually(async () => {
      const [row] = await db.query(
        `SELECT status FROM account_deletions WHERE status = 'done' AND completed_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM users WHERE id = $1)`,
        [victim.user.id],
      );
      return row ?? undefined;
    }, 60_000);

    // Not a row anywhere names them (every column, JSON included)...
    expect(await rowsMentioning(victim.user.id)).toEqual({});
    // ...and by the discovered references, explicitly.
    for (const ref of await discoverUserReferences(db.manager)) {
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM "${ref.table}" WHERE "${ref.column}" = $1`,
        [victim.user.id],
      );
      expect({ ref: `${ref.table}.${ref.column}`, n }).toEqual({
        ref: `${ref.table}.${ref.column}`,
        n: 0,
      });
    }
    // Their comment on the friend's thread reads "Deleted user"; the like still counts.
    const thread = await friend.client.get(`/feed/${friendPost}/comments`).expect(200);
    expect(thread.body.items).toEqual([
      expect.objectContaining({
        text: 'looks hard',
        author: expect.objectContaining({ displayName: 'Deleted user' }),
      }),
    ]);
    expect((await friend.client.get(`/feed/${friendPost}`).expect(200)).body.likeCount).toBe(1);
    // No file, no Redis key, no queued job of theirs.
    for (const area of ['avatars', 'exports']) {
      const left: string[] = [];
      for await (const object of storage.list(`${area}/${victim.user.id}`)) left.push(object.key);
      expect(left).toEqual([]);
    }
    expect(await redis.keys(`${api.config.queue.prefix}*${victim.user.id}*`)).toEqual([]);
    const queue = api.app.get(JobQueue);
    for (const name of ALL_QUEUE_NAMES) {
      const jobs = await queue.queue(name).getJobs(['waiting', 'delayed', 'paused', 'failed']);
      expect(
        jobs.filter((job) => JSON.stringify(job?.data ?? {}).includes(victim.user.id)),
      ).toEqual([]);
    }
    // Signed out everywhere: socket closed, refresh refused, sign-in refused.
    await disconnected(socket);
    await request(api.http)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: victim.user.refreshToken })
      .expect(401);
    await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: victim.user.email, password: victim.user.password })
      .expect(401);
    // Both steps were emailed.
    const toVictim = transport.sent.filter((mail) => mail.to === victim.user.email);
    expect(toVictim.map((mail) => mail.subject)).toEqual(
      expect.arrayContaining([
        'Your FitAI account will be deleted',
        'Your FitAI account was deleted',
      ]),
    );
    // The JSON mentions are documented with the column policies.
    expect(JSON_MENTION_STATEMENTS.length).toBeGreaterThan(0);
  }, 180_000);

  it('cancelling during the grace period keeps everything; so does signing in', async () => {
    await startTheWorker();
    const { victim } = await populated();
    const before = await rowsMentioning(victim.user.id);

    const asked = await victim.client
      .delete('/users/account')
      .send({ password: victim.user.password })
      .expect(202);
    const dueIn = Date.parse(asked.body.dueAt) - Date.now();
    expect(dueIn).toBeGreaterThan(6.9 * 86_400_000);
    expect(dueIn).toBeLessThanOrEqual(7 * 86_400_000);
    // Asking twice answers the same deletion.
    const again = await victim.client
      .delete('/users/account')
      .send({ password: victim.user.password })
      .expect(202);
    expect(again.body.dueAt).toBe(asked.body.dueAt);
    await victim.client.get('/users/account/deletion').expect(200);
    await victim.client.delete('/users/account/deletion').expect(204);
    await victim.client.get('/users/account/deletion').expect(404);
    await victim.client.delete('/users/account/deletion').expect(404);

    // Signing in cancels one too.
    await victim.client
      .delete('/users/account')
      .send({ password: victim.user.password })
      .expect(202);
    await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: victim.user.email, password: victim.user.password })
      .expect(200);
    await victim.client.get('/users/account/deletion').expect(404);

    // Even with their due dates long past, the cancelled deletions purge nothing.
    await db.query(
      `UPDATE account_deletions SET due_at = now() - interval '1 day' WHERE user_id = $1`,
      [victim.user.id],
    );
    await worker.get(AccountDeletionService).tick();
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM account_deletions WHERE user_id = $1 AND status = 'cancelled'`,
      [victim.user.id],
    );
    expect(n).toBe(2);
    const after = await rowsMentioning(victim.user.id);
    for (const [table, count] of Object.entries(before)) {
      // Rank snapshots are rebuilt and swapped by the worker (docs/challenges.md): a user's row
      // count there moves with every refresh (two snapshots during a swap, one after).
      if (table === 'leaderboard_ranks') continue;
      expect({ table, kept: (after[table] ?? 0) >= count }).toEqual({ table, kept: true });
    }
    await victim.client.get('/users/profile').expect(200);
  }, 120_000);

  it('an account without a password confirms with a recent sign-in', async () => {
    const member = await verifiedMember(api);
    await db.query('UPDATE users SET password_hash = NULL WHERE id = $1', [member.user.id]);
    await db.query(
      `UPDATE refresh_tokens SET created_at = now() - interval '1 hour' WHERE user_id = $1`,
      [member.user.id],
    );
    const refused = await member.client.delete('/users/account').send({}).expect(403);
    expect(refused.body).toMatchObject({
      type: 'urn:fitai:problem:recent-sign-in-required',
      withinMinutes: 10,
    });
    await db.query(`UPDATE refresh_tokens SET created_at = now() WHERE user_id = $1`, [
      member.user.id,
    ]);
    await member.client.delete('/users/account').send({}).expect(202);
    await member.client.delete('/users/account/deletion').expect(204);
  });
});
