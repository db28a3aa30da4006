import { INestApplicationContext } from '@nestjs/common';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { AppConfig } from '../src/config/app-config';
import { JobQueue } from '../src/infrastructure/queues/job-queue.service';
import { QueueName } from '../src/infrastructure/queues/job-registry';
import { SummariesService } from '../src/modules/summaries/summaries.service';
import { apiClient } from './support/api-client';
import { domainEventsSettled } from './support/domain-events';
import { errorFields, PROBLEM } from './support/problem';
import {
  eventually,
  registerUser,
  startApi,
  startWorker,
  TestApi,
  testConfig,
  TestUser,
} from './support/test-app';

/** The fixture week: Monday 2026-11-09 to Monday 2026-11-16 (UTC), plus one entry on each side. */
const WEEK_ENTRIES = [
  { occurredAt: '2026-11-08T23:59:59Z', type: 'mood', mood: 1, tags: ['outside'] },
  {
    occurredAt: '2026-11-09T08:00:00Z',
    type: 'activity',
    mood: 6,
    energy: 5,
    tags: ['run'],
    note: 'Great morning run, felt strong and happy',
  },
  {
    occurredAt: '2026-11-09T20:00:00Z',
    type: 'mood',
    mood: 8,
    energy: 6,
    tags: ['run', 'friends'],
  },
  {
    occurredAt: '2026-11-10T09:00:00Z',
    type: 'sleep',
    mood: 4,
    energy: 3,
    tags: ['late'],
    note: 'Slept badly, tired and grumpy all day',
  },
  { occurredAt: '2026-11-11T09:00:00Z', type: 'activity', mood: 7, energy: 7, tags: ['run'] },
  { occurredAt: '2026-11-13T12:00:00Z', type: 'sleep', mood: 3, energy: 2, tags: ['late'] },
  {
    occurredAt: '2026-11-14T10:00:00Z',
    type: 'mood',
    mood: 9,
    energy: 8,
    tags: ['friends'],
    note: 'Lovely lunch with friends',
  },
  { occurredAt: '2026-11-15T10:00:00Z', type: 'habit', energy: 5 },
  { occurredAt: '2026-11-16T00:00:00Z', type: 'mood', mood: 10, tags: ['outside'] },
];

/** Computed by hand (and cross-checked with Python's statistics module), not by FitAI. */
const EXPECTED_WEEK = {
  period: 'week',
  from: '2026-11-09T00:00:00.000Z',
  to: '2026-11-16T00:00:00.000Z',
  entryCount: 7,
  daysWithEntries: 6,
  mood: { average: 6.17, trendPerDay: 0.074, volatility: 2.11, min: 3, max: 9, samples: 6 },
  energy: { average: 5.14, trendPerDay: 0.074, volatility: 1.96, min: 2, max: 8, samples: 7 },
  bestDay: { date: '2026-11-14', averageMood: 9, entries: 1 },
  worstDay: { date: '2026-11-13', averageMood: 3, entries: 1 },
  longestStreakDays: 3,
  currentStreakDays: 3,
  tagsWithHigherMood: [
    {
      key: 'friends',
      averageMoodWith: 8.5,
      averageMoodWithout: 5,
      difference: 3.5,
      entriesWith: 2,
      entriesWithout: 4,
    },
    {
      key: 'run',
      averageMoodWith: 7,
      averageMoodWithout: 5.33,
      difference: 1.67,
      entriesWith: 3,
      entriesWithout: 3,
    },
  ],
  tagsWithLowerMood: [
    {
      key: 'late',
      averageMoodWith: 3.5,
      averageMoodWithout: 7.5,
      difference: -4,
      entriesWith: 2,
      entriesWithout: 4,
    },
  ],
  typesWithHigherMood: [
    {
      key: 'mood',
      averageMoodWith: 8.5,
      averageMoodWithout: 5,
      difference: 3.5,
      entriesWith: 2,
      entriesWithout: 4,
    },
    {
      key: 'activity',
      averageMoodWith: 6.5,
      averageMoodWithout: 6,
      difference: 0.5,
      entriesWith: 2,
      entriesWithout: 4,
    },
  ],
  typesWithLowerMood: [
    {
      key: 'sleep',
      averageMoodWith: 3.5,
      averageMoodWithout: 7.5,
      difference: -4,
      entriesWith: 2,
      entriesWithout: 4,
    },
  ],
  entriesByType: [
    { type: 'activity', entries: 2 },
    { type: 'mood', entries: 2 },
    { type: 'sleep', entries: 2 },
    { type: 'habit', entries: 1 },
  ],
};

async function logWeek(http: App, user: TestUser): Promise<void> {
  for (const entry of WEEK_ENTRIES) {
    await apiClient(http, user).post('/entries', entry).expect(201);
  }
}

function requestWeek(http: App, user: TestUser) {
  return apiClient(http, user).post('/summaries', { period: 'week', from: '2026-11-11T12:00:00Z' });
}

async function completed(http: App, user: TestUser, id: string) {
  return eventually(async () => {
    const res = await apiClient(http, user).get(`/summaries/${id}`).expect(200);
    return ['completed', 'failed'].includes(res.body.status) ? res.body : undefined;
  }, 15_000);
}

describe('summaries with the real worker (e2e)', () => {
  describe('local provider', () => {
    let config: AppConfig;
    let api: TestApi;
    let worker: INestApplicationContext;

    beforeAll(async () => {
      config = testConfig({ SUMMARY_DAILY_QUOTA: '3', SUMMARY_SWEEP_AFTER_SECONDS: '3600' });
      api = await startApi(config);
      worker = await startWorker(config);
    });
    afterAll(async () => {
      await worker.close();
      await api.close();
    });

    it('computes a week summary matching the hand-computed fixture, then serves it from the cache', async () => {
      const user = await registerUser(api.http);
      await logWeek(api.http, user);

      const accepted = await requestWeek(api.http, user).expect(202);
      expect(accepted.body).toMatchObject({
        status: 'pending',
        period: 'week',
        from: EXPECTED_WEEK.from,
        to: EXPECTED_WEEK.to,
      });
      expect(accepted.headers.location).toBe(`/api/v1/summaries/${accepted.body.id}`);

      const done = await completed(api.http, user, accepted.body.id);
      expect(done.status).toBe('completed');
      expect(done.result.statistics).toEqual(EXPECTED_WEEK);
      expect(done.result).toMatchObject({ provider: 'local', fellBack: false });
      expect(done.result.narrative).toEqual(expect.any(String));
      expect(done.result.narrative.length).toBeGreaterThan(40);
      expect(done.result.notes.keyPhrases).toEqual(expect.any(Array));

      // Unchanged data: answered at once from Redis, no new job, the same summary.
      const enqueue = jest.spyOn(api.app.get(JobQueue), 'enqueue');
      const hitsBefore = await cacheHits(api);
      const again = await requestWeek(api.http, user).expect(200);
      expect(again.body).toMatchObject({ id: done.id, status: 'completed', stale: false });
      expect(again.body.result.statistics).toEqual(EXPECTED_WEEK);
      expect(enqueue).not.toHaveBeenCalled();
      enqueue.mockRestore();
      expect(await cacheHits(api)).toBe(hitsBefore + 1);

      // A new entry inside the week makes the next request recompute.
      await apiClient(api.http, user)
        .post('/entries', { occurredAt: '2026-11-12T18:00:00Z', type: 'mood', mood: 10 })
        .expect(201);
      // The worker's entries.changed subscriber marks it stale, however fast it runs.
      await eventually(async () => {
        const res = await apiClient(api.http, user).get(`/summaries/${done.id}`).expect(200);
        return res.body.stale === true ? true : undefined;
      });
      const recompute = await requestWeek(api.http, user).expect(202);
      expect(recompute.body.id).toBe(done.id);
      const redone = await completed(api.http, user, done.id);
      expect(redone.result.statistics).toMatchObject({
        entryCount: 8,
        daysWithEntries: 7,
        longestStreakDays: 7,
      });

      // Entries outside the week do not invalidate it.
      await apiClient(api.http, user)
        .post('/entries', { occurredAt: '2026-11-17T09:00:00Z', type: 'mood', mood: 2 })
        .expect(201);
      await domainEventsSettled(api.app);
      await requestWeek(api.http, user).expect(200);
    });

    it('answers a request while one is pending with that one, and lists summaries by status', async () => {
      const user = await registerUser(api.http);
      // Held in the queue while both requests arrive, however fast the worker is.
      const queue = worker.get(JobQueue).queue(QueueName.Summaries);
      await queue.pause(true);
      const [first, second] = await Promise.all([
        requestWeek(api.http, user),
        requestWeek(api.http, user),
      ]).finally(() => queue.resume(true));
      expect([first.status, second.status]).toEqual([202, 202]);
      expect(second.body.id).toBe(first.body.id);
      await completed(api.http, user, first.body.id);

      const list = await apiClient(api.http, user)
        .get('/summaries', { status: 'completed' })
        .expect(200);
      expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([first.body.id]);
      expect(list.body.meta.nextCursor).toBeNull();
      const none = await apiClient(api.http, user)
        .get('/summaries', { status: 'failed' })
        .expect(200);
      expect(none.body.items).toEqual([]);
    });

    it('keeps summaries private: another user gets 404', async () => {
      const owner = await registerUser(api.http);
      const other = await registerUser(api.http);
      const summary = await requestWeek(api.http, owner).expect(202);
      await apiClient(api.http, other).get(`/summaries/${summary.body.id}`).expect(404);
    });

    it('enforces the daily quota with 429 and Retry-After; cached answers are free', async () => {
      const user = await registerUser(api.http);
      for (const from of ['2026-10-05T12:00:00Z', '2026-10-12T12:00:00Z', '2026-10-19T12:00:00Z']) {
        await apiClient(api.http, user).post('/summaries', { period: 'week', from }).expect(202);
      }
      const denied = await apiClient(api.http, user)
        .post('/summaries', { period: 'week', from: '2026-10-26T12:00:00Z' })
        .expect(429);
      expect(denied.headers['content-type']).toMatch(PROBLEM);
      expect(denied.body).toMatchObject({ type: 'urn:fitai:problem:quota-exceeded', quota: 3 });
      expect(Number(denied.headers['retry-after'])).toBeGreaterThan(0);
      // Asking again for one already requested (under way or done by now) costs nothing...
      const repeat = await apiClient(api.http, user).post('/summaries', {
        period: 'week',
        from: '2026-10-05T12:00:00Z',
      });
      expect([200, 202]).toContain(repeat.status);
      // ...and did not use up anything: a new period is still refused.
      await apiClient(api.http, user)
        .post('/summaries', { period: 'day', from: '2026-10-05T12:00:00Z' })
        .expect(429);
    });

    it('validates the request', async () => {
      const user = await registerUser(api.http);
      const res = await apiClient(api.http, user)
        .post('/summaries', { period: 'year', from: '2099-01-01T00:00:00Z' })
        .expect(400);
      expect(errorFields(res).sort()).toEqual(['from', 'period']);
    });

    it('sweeps up a request whose job was lost, and processing it twice does no harm', async () => {
      const user = await registerUser(api.http);
      const db = api.app.get(DataSource);
      // As if Redis had been down when it was requested: a pending row, no job.
      const [{ id }] = await db.query(
        `INSERT INTO summaries (user_id, period, period_start, period_end, status, requested_at)
         VALUES ($1, 'day', '2026-11-02T00:00:00Z', '2026-11-03T00:00:00Z', 'pending', now() - interval '2 hours')
         RETURNING id`,
        [user.id],
      );
      const service = worker.get(SummariesService);
      expect(await service.sweep()).toBeGreaterThanOrEqual(1);
      const done = await completed(api.http, user, id);
      expect(done.status).toBe('completed');
      await expect(service.process(id, { number: 1, of: 1 })).resolves.toBe('skipped');
      const [row] = await db.query('SELECT status, attempts FROM summaries WHERE id = $1', [id]);
      expect(row).toEqual({ status: 'completed', attempts: 1 });
    });
  });

  describe('remote provider failing', () => {
    let server: Server;
    let hits = 0;
    let config: AppConfig;
    let api: TestApi;
    let worker: INestApplicationContext;

    beforeAll(async () => {
      server = createServer((_req, res) => {
        hits += 1;
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"error":{"message":"boom"}}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      config = testConfig({
        AI_PROVIDER: 'openai',
        AI_BASE_URL: `http://127.0.0.1:${port}/v1`,
        AI_MAX_RETRIES: '0',
        AI_TIMEOUT_MS: '500',
        AI_BREAKER_RESET_MS: '60000',
      });
      api = await startApi(config);
      worker = await startWorker(config);
    });
    afterAll(async () => {
      await worker.close();
      await api.close();
      await new Promise((resolve) => server.close(resolve));
    });

    it('still completes every summary through the local fallback, and /metrics shows the open breaker', async () => {
      const user = await registerUser(api.http);
      await logWeek(api.http, user);
      const ids: string[] = [];
      for (const period of ['day', 'week', 'month']) {
        const res = await apiClient(api.http, user)
          .post('/summaries', { period, from: '2026-11-11T12:00:00Z' })
          .expect(202);
        ids.push(res.body.id);
        const done = await completed(api.http, user, res.body.id);
        expect(done.status).toBe('completed');
        expect(done.result).toMatchObject({ provider: 'local', fellBack: true });
      }
      expect(hits).toBeGreaterThan(0);
      const metrics = await workerMetrics(worker);
      expect(metrics).toMatch(/fitai_ai_circuit_state\{[^}]*provider="openai"[^}]*\} 2/);
      const week = await completed(api.http, user, ids[1]);
      expect(week.result.statistics).toEqual(EXPECTED_WEEK);
    });
  });
});

async function cacheHits(api: TestApi): Promise<number> {
  const text = (await request(api.http).get('/metrics').expect(200)).text;
  const match = text.match(
    /fitai_cache_lookups_total\{[^}]*cache="summaries"[^}]*result="hit"[^}]*\} (\d+)/,
  );
  return match ? Number(match[1]) : 0;
}

async function workerMetrics(worker: INestApplicationContext): Promise<string> {
  const { MetricsService } = await import('../src/infrastructure/metrics/metrics.service');
  return worker.get(MetricsService).metrics();
}
