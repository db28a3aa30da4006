import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { MeteredStorage } from '../src/infrastructure/storage/metered-storage';
import { Role } from '../src/common/auth/roles';
import { buildOpenApiDocument } from '../src/common/swagger/openapi';
import { apiClient } from './support/api-client';
import { connected, connectSocket, disconnected, listening } from './support/sockets';
import {
  eventually,
  registerUser,
  registerWithRole,
  startApi,
  startWorker,
  TestApi,
  testConfig,
  TestUser,
} from './support/test-app';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('admin: users, suspension, figures, audit, queue dashboard (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let admin: TestUser;
  let moderator: TestUser;
  let baseUrl: string;

  // Kept as promises: when a slow machine makes beforeAll time out, afterAll still closes what
  // finishes starting afterwards (else it keeps the Jest worker alive).
  let apiStarting: Promise<TestApi> | undefined;
  let workerStarting: Promise<INestApplicationContext> | undefined;
  beforeAll(async () => {
    apiStarting = startApi(testConfig({ ACCOUNTS_TICK_MS: '200' }));
    api = await apiStarting;
    workerStarting = startWorker(api.config);
    await workerStarting;
    db = api.app.get(DataSource);
    [admin, moderator] = await Promise.all([
      registerWithRole(api, Role.Admin),
      registerWithRole(api, Role.Moderator),
    ]);
    baseUrl = await listening(api);
  }, 60_000);
  afterAll(async () => {
    await (await workerStarting?.catch(() => undefined))?.close();
    await (await apiStarting?.catch(() => undefined))?.close();
  });

  const asAdmin = () => apiClient(api.http, admin);

  it('a plain user gets 403 on every /admin operation of the OpenAPI document', async () => {
    const user = await registerUser(api.http);
    const document = buildOpenApiDocument(api.app, api.config) as unknown as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/admin/'))
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method, path })));
    expect(operations.length).toBeGreaterThanOrEqual(10);
    expect(operations).toEqual(
      expect.arrayContaining([
        { method: 'get', path: '/api/v1/admin/stats' },
        { method: 'get', path: '/api/v1/admin/analytics' },
        { method: 'put', path: '/api/v1/admin/users/{id}/status' },
        { method: 'post', path: '/api/v1/admin/queues/board-session' },
      ]),
    );
    for (const { method, path } of operations) {
      const url = path
        .replace('{queue}', 'emails')
        .replace('{jobId}', '1')
        .replace(/\{[^}]+\}/g, randomUUID());
      const res = await (
        request(api.http) as unknown as Record<string, (u: string) => request.Test>
      )
        [method](url)
        .auth(user.accessToken, { type: 'bearer' })
        .send({});
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
    }
    // The dashboard itself (outside the document) refuses anyone without its cookie.
    await request(api.http)
      .get('/api/v1/admin/queues/board/')
      .auth(user.accessToken, { type: 'bearer' })
      .expect(401);
  });

  it('moderators read the stats but not the analytics or the accounts', async () => {
    const mod = apiClient(api.http, moderator);
    const stats = await mod.get('/admin/stats', { days: 3 }).expect(200);
    expect(stats.body.perDay.workouts).toHaveLength(3);
    expect(stats.body.queues.map((q: Body) => q.name)).toContain('account-deletion');
    expect(stats.body.users.total).toBeGreaterThanOrEqual(2);
    expect(stats.body.activeUsers.day).toBeGreaterThanOrEqual(2);
    await mod.get('/admin/analytics').expect(403);
    await mod.get('/admin/users').expect(403);
    await mod.get('/admin/stats', { days: 0 }).expect(400);
  });

  it('suspends with a reason and an end date: sessions end, the socket closes, refresh fails', async () => {
    const user = await registerUser(api.http);
    const socket = connectSocket(baseUrl, user.accessToken);
    await connected(socket);

    await asAdmin().put(`/admin/users/${user.id}/status`, { status: 'suspended' }).expect(400);
    await asAdmin()
      .put(`/admin/users/${admin.id}/status`, { status: 'suspended', reason: 'self' })
      .expect(409);
    await asAdmin()
      .put(`/admin/users/${randomUUID()}/status`, { status: 'suspended', reason: 'x' })
      .expect(404);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const suspended = await asAdmin()
      .put(`/admin/users/${user.id}/status`, {
        status: 'suspended',
        reason: 'Repeated spam',
        until,
      })
      .expect(200);
    expect(suspended.body).toMatchObject({
      status: 'suspended',
      suspensionReason: 'Repeated spam',
      suspendedUntil: until,
    });
    await disconnected(socket);
    const refresh = await request(api.http)
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: user.refreshToken })
      .expect(403);
    expect(refresh.body).toMatchObject({
      type: 'urn:fitai:problem:account-suspended',
      reason: 'Repeated spam',
      suspendedUntil: until,
    });
    await apiClient(api.http, user).get('/users/profile').expect(401);
    const login = await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(403);
    expect(login.body.detail).toContain('Repeated spam');

    // Listed by the filters; audited.
    const listed = await asAdmin()
      .get('/admin/users', { status: 'suspended', role: 'user', search: user.email })
      .expect(200);
    expect(listed.body.items.map((u: Body) => u.id)).toEqual([user.id]);
    await asAdmin()
      .get('/admin/users', {
        search: user.email,
        createdFrom: new Date(Date.now() + 60_000).toISOString(),
      })
      .expect(200)
      .expect((res) => expect(res.body.items).toEqual([]));
    await asAdmin()
      .get('/admin/users', { createdFrom: until, createdTo: new Date(0).toISOString() })
      .expect(400);
    const log = await apiClient(api.http, moderator)
      .get('/admin/content/moderation-log', { userId: user.id })
      .expect(200);
    expect(log.body.items[0]).toMatchObject({
      moderatorId: admin.id,
      action: 'suspend_account',
      targetType: 'user',
      targetId: user.id,
      note: 'Repeated spam',
    });

    // Reactivated: signs in again; audited too.
    await asAdmin().put(`/admin/users/${user.id}/status`, { status: 'active' }).expect(200);
    await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    const after = await apiClient(api.http, moderator)
      .get('/admin/content/moderation-log', { userId: user.id })
      .expect(200);
    expect(after.body.items[0].action).toBe('reactivate_account');
  });

  it('a suspension ends by itself at its end date', async () => {
    const user = await registerUser(api.http);
    await asAdmin()
      .put(`/admin/users/${user.id}/status`, {
        status: 'suspended',
        reason: 'Cool-off',
        until: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .expect(200);
    await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(403);
    // The end passes (moved in the database rather than waited for: a loaded machine could
    // otherwise pass it before the first check).
    await db.query(`UPDATE users SET suspended_until = now() - interval '1 second' WHERE id = $1`, [
      user.id,
    ]);
    // The worker's accounts tick lifts it once the end passed.
    await eventually(async () => {
      const res = await asAdmin().get('/admin/users', { search: user.email }).expect(200);
      return res.body.items[0]?.status === 'active' ? true : undefined;
    }, 20_000);
    await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
  });

  it('analytics: sign-ups, cohorts, and AI cost per feature and per user at the configured prices', async () => {
    const user = await registerUser(api.http);
    await db.query(
      `INSERT INTO ai_usage (user_id, operation, provider, model, prompt_tokens, completion_tokens, latency_ms, outcome)
       VALUES ($1, 'summary', 'local', 'test', 1000000, 500000, 10, 'ok'),
              ($1, 'plan', 'local', 'test', 2000000, 0, 10, 'ok')`,
      [user.id],
    );
    const res = await asAdmin().get('/admin/analytics', { weeks: 2 }).expect(200);
    expect(res.body.signUpsPerDay).toHaveLength(14);
    expect(res.body.signUpsPerDay.at(-1).count).toBeGreaterThanOrEqual(3);
    const thisWeek = res.body.cohorts.at(-1);
    expect(thisWeek.size).toBeGreaterThanOrEqual(3);
    expect(thisWeek.retention[0]).toMatchObject({ week: 0 });
    expect(thisWeek.retention[0].rate).toBeGreaterThan(0);
    // 1M prompt × 15 ¢ + 0.5M completion × 60 ¢ = 45 ¢; 2M prompt × 15 ¢ = 30 ¢.
    const mine = res.body.ai.byUser.find((row: Body) => row.userId === user.id);
    expect(mine).toMatchObject({
      calls: 2,
      promptTokens: 3_000_000,
      completionTokens: 500_000,
      costUsd: 0.75,
    });
    expect(
      res.body.ai.byFeature.find((row: Body) => row.feature === 'summary').costUsd,
    ).toBeGreaterThanOrEqual(0.45);
    expect(res.body.ai.pricing).toEqual({
      promptCentsPerMillionTokens: 15,
      completionCentsPerMillionTokens: 60,
    });
  });

  it('the queue dashboard opens with a single-use link that sets a path-scoped cookie', async () => {
    const link = await asAdmin().post('/admin/queues/board-session').expect(200);
    expect(link.body.url).toMatch(/^\/api\/v1\/admin\/queues\/board\/login\?ticket=/);
    const opened = await request(api.http).get(link.body.url).expect(303);
    const cookie = String(opened.headers['set-cookie']);
    expect(cookie).toMatch(
      /^fitai_queue_board=[^;]+; Path=\/api\/v1\/admin\/queues\/board; Max-Age=900; HttpOnly; SameSite=Strict/,
    );
    const value = cookie.split(';')[0];
    const page = await request(api.http)
      .get('/api/v1/admin/queues/board/')
      .set('cookie', value)
      .expect(200);
    expect(page.text).toContain('FitAI queues');
    const queues = await request(api.http)
      .get('/api/v1/admin/queues/board/api/queues')
      .set('cookie', value)
      .expect(200);
    expect(queues.body.queues.map((q: Body) => q.name)).toContain('account-deletion');
    // Single use; a forged cookie is refused.
    await request(api.http).get(link.body.url).expect(400);
    await request(api.http)
      .get('/api/v1/admin/queues/board/')
      .set(
        'cookie',
        value.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      )
      .expect(401);
    // Signing out closes the board.
    await asAdmin().post('/auth/logout').expect(204);
    await eventually(async () => {
      const res = await request(api.http).get('/api/v1/admin/queues/board/').set('cookie', value);
      return res.status === 401 ? true : undefined;
    });
    admin = await registerWithRole(api, Role.Admin);
    const log = await apiClient(api.http, moderator)
      .get('/admin/content/moderation-log')
      .expect(200);
    expect(log.body.items.map((row: Body) => row.action)).toContain('open_queue_board');
  });

  it('audits every change made through the queue dashboard, not its reads', async () => {
    const link = await asAdmin().post('/admin/queues/board-session').expect(200);
    const opened = await request(api.http).get(link.body.url).expect(303);
    const cookie = String(opened.headers['set-cookie']).split(';')[0];
    const board = (method: 'get' | 'put', path: string) =>
      request(api.http)[method](`/api/v1/admin/queues/board/api/${path}`).set('cookie', cookie);
    const audited = async () =>
      (
        await apiClient(api.http, admin)
          .get('/admin/content/moderation-log', {
            actorId: admin.id,
            action: 'queue_board_action',
          })
          .expect(200)
      ).body.items as Body[];
    expect(await audited()).toEqual([]);

    await board('get', 'queues').expect(200);
    await board('get', 'redis/stats').expect(200);
    expect(await audited()).toEqual([]);

    await board('put', 'queues/reports/pause').expect(200);
    await board('put', 'queues/reports/resume').expect(200);
    await board('put', 'queues/reports/clean/completed').expect(200);
    // Audited before it runs, so even an unknown job's attempt is on record.
    await board('put', 'queues/reports/9999/promote').expect(404);
    const entries = await audited();
    expect(entries.map((entry) => entry.note)).toEqual([
      'queue dashboard: promote (queue reports, job 9999)',
      'queue dashboard: clean completed (queue reports)',
      'queue dashboard: resume (queue reports)',
      'queue dashboard: pause (queue reports)',
    ]);
    expect(entries[0]).toMatchObject({
      moderatorId: admin.id,
      targetType: 'queue',
      targetId: null,
    });
  });

  it('filters the audit log by actor, action, target and time', async () => {
    const user = await registerUser(api.http);
    const log = (query: Record<string, string | number>) =>
      apiClient(api.http, moderator).get('/admin/content/moderation-log', query).expect(200);
    const startedAt = new Date(Date.now() - 1000).toISOString();
    await asAdmin()
      .put(`/admin/users/${user.id}/status`, { status: 'suspended', reason: 'Filters' })
      .expect(200);
    await asAdmin().put(`/admin/users/${user.id}/status`, { status: 'active' }).expect(200);

    const about = await log({ targetId: user.id });
    expect(about.body.items.map((row: Body) => row.action)).toEqual([
      'reactivate_account',
      'suspend_account',
    ]);
    const suspensions = await log({ targetId: user.id, action: 'suspend_account' });
    expect(suspensions.body.items).toHaveLength(1);
    const byActor = await log({ actorId: admin.id, targetType: 'user', from: startedAt, limit: 1 });
    expect(byActor.body.items).toHaveLength(1);
    expect(byActor.body.items[0]).toMatchObject({ action: 'reactivate_account' });
    expect(byActor.body.meta.nextCursor).toEqual(expect.any(String));
    const next = await log({
      actorId: admin.id,
      targetType: 'user',
      from: startedAt,
      limit: 1,
      cursor: byActor.body.meta.nextCursor,
    });
    expect(next.body.items[0]).toMatchObject({ action: 'suspend_account', targetId: user.id });
    expect((await log({ actorId: moderator.id })).body.items).toEqual([]);
    expect((await log({ targetId: user.id, to: startedAt })).body.items).toEqual([]);
    await apiClient(api.http, moderator)
      .get('/admin/content/moderation-log', { from: startedAt, to: new Date(0).toISOString() })
      .expect(400);
    await apiClient(api.http, moderator)
      .get('/admin/content/moderation-log', { action: 'nope' })
      .expect(400);
  });

  it('reports storage from the ledger, exact after uploads, replacements and deletions', async () => {
    const storage = api.app.get(MeteredStorage);
    /** What a walk of every stored file finds (what the stats used to do). */
    const walked = async () => {
      let objects = 0;
      let bytes = 0;
      for await (const object of storage.driver.list()) {
        objects += 1;
        bytes += object.size;
      }
      return { objects, bytes };
    };
    const reported = async () =>
      (await asAdmin().get('/admin/stats', { days: 1 }).expect(200)).body.storage as {
        objects: number;
        bytes: number;
      };
    const image = (colour: string) =>
      sharp({ create: { width: 300, height: 300, channels: 3, background: colour } })
        .png()
        .toBuffer();
    const upload = async (user: TestUser, content: Buffer) =>
      request(api.http)
        .post('/api/v1/users/upload-avatar')
        .auth(user.accessToken, { type: 'bearer' })
        .attach('file', content, { filename: 'me.png', contentType: 'image/png' })
        .expect(200);

    const before = await reported();
    expect(before).toEqual(await walked());
    const [first, second] = [await registerUser(api.http), await registerUser(api.http)];
    await upload(first, await image('#ff0000'));
    await upload(second, await image('#00ff00'));
    const uploaded = await reported();
    expect(uploaded.objects).toBe(before.objects + 6); // three sizes each
    expect(uploaded.bytes).toBeGreaterThan(before.bytes);
    expect(uploaded).toEqual(await walked());

    // A replacement deletes the old files: still three per user, and the new sizes.
    await upload(first, await image('#0000ff'));
    expect(await reported()).toEqual(await walked());
    expect((await reported()).objects).toBe(before.objects + 6);

    // Put twice under one key counts once, at the last size; deleting counts down once.
    await storage.put('avatars/ledger-test/x.bin', Buffer.alloc(1000), {
      contentType: 'application/octet-stream',
    });
    await storage.put('avatars/ledger-test/x.bin', Buffer.alloc(10), {
      contentType: 'application/octet-stream',
    });
    const replaced = await reported();
    expect(replaced.objects).toBe(before.objects + 7);
    expect(replaced).toEqual(await walked());
    await storage.delete('avatars/ledger-test/x.bin');
    await storage.delete('avatars/ledger-test/x.bin');
    await storage.delete(`avatars/${second.id}/missing.webp`);
    expect(await reported()).toEqual(await walked());
    expect((await reported()).objects).toBe(before.objects + 6);

    // A file the ledger never saw (stored before it existed) is counted after a rebuild.
    await storage.driver.put('avatars/ledger-test/old.bin', Buffer.alloc(123), {
      contentType: 'application/octet-stream',
    });
    expect((await reported()).objects).toBe(before.objects + 6);
    expect(await storage.rebuildLedger()).toEqual(await walked());
    expect(await reported()).toEqual(await walked());
  });
});
