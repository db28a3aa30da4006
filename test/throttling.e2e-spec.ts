import request from 'supertest';
import { PROBLEM } from './support/problem';
import { registerUser, startApi, TestApi, testConfig, uniqueEmail } from './support/test-app';

describe('rate limiting in Redis (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi(
      testConfig({ THROTTLE_AUTH_LIMIT: '3', THROTTLE_LIMIT: '5', THROTTLE_TTL_SECONDS: '60' }),
    );
  });
  afterAll(() => api.close());

  it('answers the 4th auth attempt from one IP with 429 problem+json and Retry-After', async () => {
    const email = uniqueEmail();
    for (let i = 0; i < 3; i += 1) {
      await request(api.http)
        .post('/api/v1/auth/login')
        .send({ email, password: 'wrong password' })
        .expect(401);
    }
    const res = await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email, password: 'wrong password' })
      .expect(429);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ status: 429, type: 'urn:fitai:problem:too-many-requests' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // The auth limit applies to auth routes only.
    await request(api.http).get('/health/live').expect(200);
  });

  it('limits signed-in callers per user, not per IP', async () => {
    // An app of its own: its Redis namespace starts empty, and registrations count per IP.
    const other = await startApi(testConfig({ THROTTLE_LIMIT: '5' }));
    try {
      const alice = await registerUser(other.http);
      const bob = await registerUser(other.http);
      for (let i = 0; i < 5; i += 1) {
        await request(other.http)
          .get('/api/v1/users/profile')
          .auth(alice.accessToken, { type: 'bearer' })
          .expect(200);
      }
      await request(other.http)
        .get('/api/v1/users/profile')
        .auth(alice.accessToken, { type: 'bearer' })
        .expect(429);
      await request(other.http)
        .get('/api/v1/users/profile')
        .auth(bob.accessToken, { type: 'bearer' })
        .expect(200);
    } finally {
      await other.close();
    }
  });
});
