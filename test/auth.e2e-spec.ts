import { Role } from '../src/common/auth/roles';
import request from 'supertest';
import { UsersService } from '../src/modules/users/users.service';
import { PROBLEM } from './support/problem';
import { registerUser, startApi, TestApi, uniqueEmail } from './support/test-app';

describe('auth core (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  describe('register, login, profile', () => {
    it('registers, signs in and reads and updates the profile', async () => {
      const email = uniqueEmail('Ada');
      const reg = await request(api.http)
        .post('/api/v1/auth/register')
        .send({
          email: `  ${email.toUpperCase()} `,
          password: 'correct horse battery',
          displayName: 'Ada',
        })
        .expect(201);
      expect(reg.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
      expect(reg.body.accessToken).toEqual(expect.any(String));
      expect(reg.body.refreshToken).toEqual(expect.any(String));
      expect(reg.body.user).toMatchObject({
        email: email.toLowerCase(),
        displayName: 'Ada',
        role: 'user',
        emailVerified: false,
      });
      expect(reg.body.user).not.toHaveProperty('passwordHash');

      const login = await request(api.http)
        .post('/api/v1/auth/login')
        .send({ email: email.toUpperCase(), password: 'correct horse battery' })
        .expect(200);
      expect(login.body.user.id).toBe(reg.body.user.id);

      const profile = await request(api.http)
        .get('/api/v1/users/profile')
        .auth(login.body.accessToken, { type: 'bearer' })
        .expect(200);
      expect(profile.body).toMatchObject({
        id: reg.body.user.id,
        email: email.toLowerCase(),
        bio: null,
      });

      const updated = await request(api.http)
        .put('/api/v1/users/profile')
        .auth(login.body.accessToken, { type: 'bearer' })
        .send({ displayName: '  Ada Lovelace ', bio: 'Deadlifts on Mondays' })
        .expect(200);
      expect(updated.body).toMatchObject({
        displayName: 'Ada Lovelace',
        bio: 'Deadlifts on Mondays',
      });

      const cleared = await request(api.http)
        .put('/api/v1/users/profile')
        .auth(login.body.accessToken, { type: 'bearer' })
        .send({ bio: null })
        .expect(200);
      expect(cleared.body).toMatchObject({ displayName: 'Ada Lovelace', bio: null });
    });

    it('rejects a second account with the same email in another case (409)', async () => {
      const user = await registerUser(api.http);
      const res = await request(api.http)
        .post('/api/v1/auth/register')
        .send({ email: user.email.toUpperCase(), password: 'another password' })
        .expect(409);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ status: 409, type: 'urn:fitai:problem:conflict' });
    });

    it('enforces password length 8-128', async () => {
      for (const password of ['short', 'x'.repeat(129)]) {
        const res = await request(api.http)
          .post('/api/v1/auth/register')
          .send({ email: uniqueEmail(), password })
          .expect(400);
        expect(res.body.errors).toEqual([
          { field: 'password', messages: [expect.stringMatching(/password must be/)] },
        ]);
      }
    });

    it('answers a wrong password and an unknown email with the same 401', async () => {
      const user = await registerUser(api.http);
      const wrong = await request(api.http)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'not the password' })
        .expect(401);
      const unknown = await request(api.http)
        .post('/api/v1/auth/login')
        .send({ email: uniqueEmail('nobody'), password: 'not the password' })
        .expect(401);
      const comparable = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      expect(comparable(wrong.body)).toEqual(comparable(unknown.body));
      expect(wrong.body).toMatchObject({
        title: 'Unauthorized',
        detail: 'Invalid email or password.',
      });
      expect(wrong.headers['content-type']).toMatch(PROBLEM);
    });
  });

  describe('refresh tokens', () => {
    it('rotates on every use; reusing an old token revokes the whole family', async () => {
      const user = await registerUser(api.http);

      const first = await request(api.http)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: user.refreshToken })
        .expect(200);
      expect(first.body.refreshToken).not.toBe(user.refreshToken);
      expect(first.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
      expect(first.body).not.toHaveProperty('user');

      const second = await request(api.http)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);

      // The first token again: theft is assumed, the family dies.
      const reuse = await request(api.http)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: user.refreshToken })
        .expect(401);
      expect(reuse.body.detail).toMatch(/already used/);

      await request(api.http)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: second.body.refreshToken })
        .expect(401);
      await request(api.http)
        .get('/api/v1/users/profile')
        .auth(second.body.accessToken, { type: 'bearer' })
        .expect(401);
    });

    it('lets exactly one of two concurrent refreshes with the same token win', async () => {
      const user = await registerUser(api.http);
      const results = await Promise.all(
        [1, 2].map(() =>
          request(api.http).post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 401]);
    });

    it('rejects an unknown refresh token', async () => {
      await request(api.http)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: 'not-a-token' })
        .expect(401);
    });

    it('keeps other sessions of the same user alive when one is revoked', async () => {
      const user = await registerUser(api.http);
      const other = await request(api.http)
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: user.password })
        .expect(200);
      await request(api.http)
        .post('/api/v1/auth/logout')
        .auth(user.accessToken, { type: 'bearer' })
        .expect(204);
      await request(api.http)
        .get('/api/v1/users/profile')
        .auth(other.body.accessToken, { type: 'bearer' })
        .expect(200);
    });
  });

  describe('logout', () => {
    it('makes both the access token and the refresh token unusable at once', async () => {
      const user = await registerUser(api.http);
      await request(api.http)
        .get('/api/v1/users/profile')
        .auth(user.accessToken, { type: 'bearer' })
        .expect(200);

      await request(api.http)
        .post('/api/v1/auth/logout')
        .auth(user.accessToken, { type: 'bearer' })
        .expect(204);

      const afterAccess = await request(api.http)
        .get('/api/v1/users/profile')
        .auth(user.accessToken, { type: 'bearer' })
        .expect(401);
      expect(afterAccess.headers['content-type']).toMatch(PROBLEM);
      await request(api.http)
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: user.refreshToken })
        .expect(401);
    });
  });

  describe('authorisation', () => {
    it('answers a protected route without a token, or with a forged one, with 401', async () => {
      const none = await request(api.http).get('/api/v1/users/profile').expect(401);
      expect(none.headers['content-type']).toMatch(PROBLEM);
      expect(none.body).toMatchObject({ status: 401, instance: '/api/v1/users/profile' });
      await request(api.http)
        .get('/api/v1/users/profile')
        .auth('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', { type: 'bearer' })
        .expect(401);
    });

    it('answers an admin route with a user token with 403, and serves it to an admin', async () => {
      const user = await registerUser(api.http, { displayName: 'Searchable Sam' });
      const forbidden = await request(api.http)
        .get('/api/v1/admin/users')
        .auth(user.accessToken, { type: 'bearer' })
        .expect(403);
      expect(forbidden.headers['content-type']).toMatch(PROBLEM);

      const admin = await registerUser(api.http);
      await api.app.get(UsersService).grantRole(admin.email, Role.Admin);
      // The role is in the token: sign in again to get one that carries it.
      const login = await request(api.http)
        .post('/api/v1/auth/login')
        .send({ email: admin.email, password: admin.password })
        .expect(200);
      expect(login.body.user.role).toBe('admin');

      const page = await request(api.http)
        .get('/api/v1/admin/users')
        .query({ search: 'searchable sam', limit: 5 })
        .auth(login.body.accessToken, { type: 'bearer' })
        .expect(200);
      expect(page.body.items.map((u: { id: string }) => u.id)).toContain(user.id);
      expect(page.body.meta).toMatchObject({ page: 1, limit: 5 });
      expect(page.body.meta.total).toBeGreaterThanOrEqual(1);

      const wildcard = await request(api.http)
        .get('/api/v1/admin/users')
        .query({ search: '%' })
        .auth(login.body.accessToken, { type: 'bearer' })
        .expect(200);
      expect(wildcard.body.items).toEqual([]);

      const badLimit = await request(api.http)
        .get('/api/v1/admin/users')
        .query({ limit: 101 })
        .auth(login.body.accessToken, { type: 'bearer' })
        .expect(400);
      expect(badLimit.body.errors[0].field).toBe('limit');
    });
  });

  describe('input errors', () => {
    it('rejects unknown body fields with a field-level problem', async () => {
      const res = await request(api.http)
        .post('/api/v1/auth/register')
        .send({ email: uniqueEmail(), password: 'correct horse battery', isAdmin: true })
        .expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({
        type: 'urn:fitai:problem:validation-failed',
        status: 400,
        errors: [{ field: 'isAdmin', messages: ['property isAdmin should not exist'] }],
      });
    });

    it('answers malformed JSON with 400 problem+json, never a 500, without parser internals', async () => {
      const res = await request(api.http)
        .post('/api/v1/auth/login')
        .set('content-type', 'application/json')
        .send('{"email": "a@b.c", ')
        .expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({
        type: 'urn:fitai:problem:malformed-json',
        detail: 'The request body is not valid JSON.',
        requestId: res.headers['x-request-id'],
      });
    });

    it('answers a body over the limit with 413', async () => {
      const res = await request(api.http)
        .post('/api/v1/auth/login')
        .set('content-type', 'application/json')
        .send(JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }))
        .expect(413);
      expect(res.body.type).toBe('urn:fitai:problem:payload-too-large');
    });

    it('answers an unknown route with a 404 problem', async () => {
      const res = await request(api.http).get('/api/v1/nope').expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({ type: 'urn:fitai:problem:not-found', status: 404 });
    });

    it('echoes a valid client request id and replaces an unsafe one', async () => {
      const echoed = await request(api.http)
        .get('/health/live')
        .set('x-request-id', 'client-abc.123')
        .expect(200);
      expect(echoed.headers['x-request-id']).toBe('client-abc.123');
      const replaced = await request(api.http)
        .get('/health/live')
        .set('x-request-id', 'spaces; and <markup>')
        .expect(200);
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
