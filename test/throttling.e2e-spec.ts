import Redis from 'ioredis';
import request from 'supertest';
import { RedisThrottlerStorage } from '../src/infrastructure/throttling/redis-throttler-storage';
import { PROBLEM } from './support/problem';
import { TestRedisServer } from './support/redis-server';
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

/** The storage alone, against a Redis of its own: its counters and its command statistics. */
describe('RedisThrottlerStorage (e2e, a Redis of its own)', () => {
  const server = new TestRedisServer();
  let redis: Redis;
  let admin: Redis;
  let storage: RedisThrottlerStorage;

  beforeAll(async () => {
    await server.start();
    redis = new Redis(server.url, { keyPrefix: 'fitai-test:app:' });
    admin = new Redis(server.url);
    storage = new RedisThrottlerStorage(redis);
  });
  afterAll(async () => {
    await Promise.all([redis.quit(), admin.quit()]);
    await server.stop();
  });

  /** How many times Redis ran each scripting command since the last RESETSTAT. */
  async function scriptCalls(): Promise<{ eval: number; evalsha: number; evalshaFailed: number }> {
    const stats = await admin.info('commandstats');
    const stat = (command: string, field: string) =>
      Number(new RegExp(`^cmdstat_${command}:.*\\b${field}=(\\d+)`, 'm').exec(stats)?.[1] ?? 0);
    return {
      eval: stat('eval', 'calls'),
      evalsha: stat('evalsha', 'calls'),
      evalshaFailed: stat('evalsha', 'failed_calls'),
    };
  }

  const hit = (key: string, throttler = 'default', limit = 3, ttlMs = 60_000, blockMs = 60_000) =>
    storage.increment(key, ttlMs, limit, blockMs, throttler);

  it('counts hits per key and throttler up to the limit, then blocks', async () => {
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await hit('user:a'));
    expect(answers.map((a) => [a.totalHits, a.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, true],
      [4, true], // blocked hits are not counted
    ]);
    expect(answers[0].timeToExpire).toBe(60);
    expect(answers[0].timeToBlockExpire).toBe(0);
    expect(answers[4].timeToBlockExpire).toBeGreaterThan(58);
    // Another throttler, or another caller, has counters of its own.
    await expect(hit('user:a', 'auth')).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
    await expect(hit('user:b')).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
    // Under the client's key prefix, a pair per throttler.
    expect((await admin.keys('fitai-test:app:{user:a:*')).sort()).toEqual([
      'fitai-test:app:{user:a:auth}:hits',
      'fitai-test:app:{user:a:default}:blocked',
      'fitai-test:app:{user:a:default}:hits',
    ]);
  });

  it('counts afresh once the block is over, and once the window is over', async () => {
    const short = (key: string) => hit(key, 'default', 1, 300, 500);
    await expect(short('user:c')).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
    await expect(short('user:c')).resolves.toMatchObject({ totalHits: 2, isBlocked: true });
    await new Promise((resolve) => setTimeout(resolve, 600));
    await expect(short('user:c')).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await expect(short('user:c')).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('sends the script by its hash (EVALSHA), and again in full only after Redis lost it', async () => {
    await hit('user:warm'); // the connection has loaded the script at least once
    await admin.config('RESETSTAT');
    for (let i = 0; i < 10; i += 1) await hit('user:d', 'default', 100);
    expect(await scriptCalls()).toEqual({ eval: 0, evalsha: 10, evalshaFailed: 0 });

    // A restart without persistence or a failover looks like this: the script is gone.
    await admin.script('FLUSH');
    await admin.config('RESETSTAT');
    await expect(hit('user:d', 'default', 100)).resolves.toMatchObject({ totalHits: 11 });
    for (let i = 0; i < 5; i += 1) await hit('user:d', 'default', 100);
    // The first EVALSHA answered NOSCRIPT and was sent again as EVAL; then EVALSHA again.
    expect(await scriptCalls()).toEqual({ eval: 1, evalsha: 6, evalshaFailed: 1 });
  });
});
