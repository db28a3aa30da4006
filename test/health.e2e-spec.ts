import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { WorkerProbeServer } from '../src/modules/health/worker-probe.server';
import { PROBLEM } from './support/problem';
import { startApi, startWorker, TestApi, testConfig } from './support/test-app';
import { TcpProxy } from './support/tcp-proxy';
import { testEnv } from './support/test-env';

describe('health and metrics (e2e)', () => {
  describe('API probes', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startApi();
    });
    afterAll(() => api.close());

    it('serves liveness and readiness at the root, outside /api/v1, without auth', async () => {
      await request(api.http).get('/health/live').expect(200, { status: 'ok' });
      const ready = await request(api.http).get('/health/ready').expect(200);
      expect(ready.body.details).toMatchObject({
        database: { status: 'up' },
        redis: { status: 'up' },
        queues: { status: 'up' },
      });
      await request(api.http).get('/api/v1/health/live').expect(404);
    });

    it('exposes Prometheus metrics with HTTP latency by route pattern and queue depth', async () => {
      await request(api.http).get('/api/v1/users/profile').expect(401);
      const res = await request(api.http).get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toMatch(
        /fitai_http_request_duration_seconds_count\{role="api",method="GET",route="\/api\/v1\/users\/profile",status="401"\} \d+/,
      );
      expect(res.text).toMatch(/fitai_queue_jobs\{queue="emails",state="failed",role="api"\} \d+/);
      expect(res.text).toContain('fitai_process_cpu_seconds_total');
    });
  });

  /** An API whose connection to one dependency runs through a proxy the test can cut. */
  async function apiBehindProxy(dependency: 'DATABASE_URL' | 'REDIS_URL', defaultPort: number) {
    const target = new URL(testEnv(dependency === 'DATABASE_URL' ? 'databaseUrl' : 'redisUrl'));
    const proxy = new TcpProxy(target.hostname, Number(target.port || defaultPort));
    target.host = `127.0.0.1:${await proxy.start()}`;
    const api = await startApi(testConfig({ [dependency]: target.toString() }));
    return {
      api,
      proxy,
      /** Reconnects first, so the app shuts down cleanly. */
      async close() {
        await proxy.start();
        await api.close();
        await proxy.cut();
      },
    };
  }

  it('goes from 200 to 503 problem+json naming the database when PostgreSQL is unreachable', async () => {
    const { api, proxy, close } = await apiBehindProxy('DATABASE_URL', 5432);
    try {
      await request(api.http).get('/health/ready').expect(200);
      await proxy.cut();
      const res = await request(api.http).get('/health/ready').expect(503);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({
        status: 503,
        type: 'urn:fitai:problem:not-ready',
        checks: { database: { status: 'down' }, redis: { status: 'up' } },
      });
      await request(api.http).get('/health/live').expect(200);
    } finally {
      await close();
    }
  });

  it('answers 503 naming Redis and the queues when Redis is unreachable', async () => {
    const { api, proxy, close } = await apiBehindProxy('REDIS_URL', 6379);
    try {
      await request(api.http).get('/health/ready').expect(200);
      await proxy.cut();
      const res = await request(api.http).get('/health/ready').expect(503);
      expect(res.body.checks).toMatchObject({
        database: { status: 'up' },
        redis: { status: 'down' },
        queues: { status: 'down' },
      });
    } finally {
      await close();
    }
  });

  describe('worker probes', () => {
    let worker: INestApplicationContext;
    let base: string;

    beforeAll(async () => {
      worker = await startWorker(testConfig());
      const probe = worker.get(WorkerProbeServer);
      const port = await probe.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${port}`;
    });
    afterAll(() => worker.close());

    it('serves /health/live, /health/ready and /metrics on its own port', async () => {
      await request(base).get('/health/live').expect(200, { status: 'ok' });
      const ready = await request(base).get('/health/ready').expect(200);
      expect(ready.body.status).toBe('ok');
      const metrics = await request(base).get('/metrics').expect(200);
      expect(metrics.text).toMatch(
        /fitai_queue_jobs\{queue="emails",state="waiting",role="worker"\} \d+/,
      );
      await request(base).get('/api/v1/auth/login').expect(404);
    });
  });
});
