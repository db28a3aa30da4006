import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '../src/common/auth/roles';
import { Member, verifiedMember } from './support/social';
import { registerWithRole, startApi, TestApi, TestUser } from './support/test-app';

/**
 * The one "suspended now" rule (isSuspendedNow / suspendedNowSql, docs/admin.md): a suspension
 * whose end passed no longer applies anywhere, one still to come applies everywhere. The API
 * runs without the worker, so the accounts tick never tidies the ended suspensions: every check
 * must compare the end date itself.
 */
describe('admin: the suspended-now rule (e2e)', () => {
  let api: TestApi;
  let db: DataSource;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
  }, 60_000);
  afterAll(async () => {
    await api.close();
  });

  /** Suspended by an admin, ending `offset` from now (a PostgreSQL interval), straight in SQL. */
  const suspend = (id: string, offset: string) =>
    db.query(
      `UPDATE users SET status = 'suspended', suspension_reason = 'test',
              suspended_until = now() + $2::interval WHERE id = $1`,
      [id, offset],
    );

  const login = (user: TestUser) =>
    request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password });
  const refresh = (user: TestUser) =>
    request(api.http).post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken });

  async function boardCookie(admin: TestUser): Promise<string> {
    const link = await request(api.http)
      .post('/api/v1/admin/queues/board-session')
      .auth(admin.accessToken, { type: 'bearer' })
      .expect(200);
    const opened = await request(api.http).get(link.body.url).expect(303);
    return String(opened.headers['set-cookie']).split(';')[0];
  }
  const board = (cookie: string) =>
    request(api.http).get('/api/v1/admin/queues/board/api/queues').set('cookie', cookie);

  // One test per former copy of the rule, so each shows on its own.
  it('ended yesterday: signs in and refreshes (auth)', async () => {
    const member: Member = await verifiedMember(api);
    await suspend(member.user.id, '-1 day');
    await refresh(member.user).expect(200);
    await login(member.user).expect(200);
  });

  it('ended yesterday: writes to the community (the community-write guard)', async () => {
    const member: Member = await verifiedMember(api);
    await suspend(member.user.id, '-1 day');
    await member.client.post('/feed', { text: 'Back after a break' }).expect(201);
  });

  it("ended yesterday: opens the queue board (the board's cookie check)", async () => {
    const admin = await registerWithRole(api, Role.Admin);
    const cookie = await boardCookie(admin);
    await suspend(admin.id, '-1 day');
    await board(cookie).expect(200);
  });

  it('ends tomorrow: no sign-in, no refresh, no community write, no queue board', async () => {
    const member: Member = await verifiedMember(api);
    const admin = await registerWithRole(api, Role.Admin);
    const cookie = await boardCookie(admin);
    await suspend(member.user.id, '1 day');
    await suspend(admin.id, '1 day');

    const write = await member.client.post('/feed', { text: 'Still here' }).expect(403);
    expect(write.body.type).toBe('urn:fitai:problem:account-suspended');
    const refused = await refresh(member.user).expect(403);
    expect(refused.body).toMatchObject({
      type: 'urn:fitai:problem:account-suspended',
      reason: 'test',
    });
    await login(member.user).expect(403);
    await board(cookie).expect(401);
  });

  it('counts only suspensions in force in the stats', async () => {
    const admin = await registerWithRole(api, Role.Admin);
    const stats = async () =>
      (
        await request(api.http)
          .get('/api/v1/admin/stats?days=1')
          .auth(admin.accessToken, { type: 'bearer' })
          .expect(200)
      ).body.users.suspended as number;
    const [ended, current] = [await verifiedMember(api), await verifiedMember(api)];
    const before = await stats();
    await suspend(ended.user.id, '-1 day');
    expect(await stats()).toBe(before);
    await suspend(current.user.id, '1 day');
    expect(await stats()).toBe(before + 1);
  });
});
