import { HttpException } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../src/config/app-config';
import { CoreModule } from '../src/core.module';
import { MetricsService } from '../src/infrastructure/metrics/metrics.service';
import { AiModule } from '../src/modules/ai/ai.module';
import { AiQuotaService } from '../src/modules/ai/ai-quota.service';
import { AiService, AiTask } from '../src/modules/ai/ai.service';
import { weekStatistics, WEEK_NOTES } from '../src/modules/ai/testing/statistics.fixture';
import { FakeChatServer, Reply } from './support/fake-chat-server';
import { testConfig } from './support/test-app';

const VALID_ANSWER = JSON.stringify({
  narrative: 'You logged {{entryCount}} entries; your mood averaged {{mood.average}} out of ten.',
  highlights: ['Best day: {{bestDay.date}} ({{bestDay.averageMood}})'],
});
const OK: Reply = { content: VALID_ANSWER, usage: { prompt_tokens: 300, completion_tokens: 40 } };
const FAIL: Reply = { status: 500, raw: '{"error":{"message":"boom"}}' };

async function boot(config: AppConfig): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [CoreModule.forRoot(config, 'worker'), AiModule],
  }).compile();
  moduleRef.useLogger(moduleRef.get(Logger));
  return moduleRef.init();
}

async function createUser(moduleRef: TestingModule): Promise<string> {
  const [{ id }] = await moduleRef
    .get(DataSource)
    .query(`INSERT INTO users (email, display_name) VALUES ($1, 'Cache tester') RETURNING id`, [
      `ai-cache-${randomUUID()}@test.fitai.dev`,
    ]);
  return id as string;
}

async function usageRows(moduleRef: TestingModule, userId: string): Promise<number> {
  const [{ rows }] = await moduleRef
    .get(DataSource)
    .query(`SELECT count(*)::int AS rows FROM ai_usage WHERE user_id = $1`, [userId]);
  return rows as number;
}

/** AI answer lookups, counted once, by JsonCache (the shared cache metric). */
async function cacheLookups(moduleRef: TestingModule, result: string) {
  const text = await moduleRef.get(MetricsService).metrics();
  const lines = text.split('\n');
  // The per-feature copy of this count is gone: lookups are counted once.
  expect(lines.some((l) => l.startsWith('fitai_ai_cache_lookups_total'))).toBe(false);
  const line = lines.find(
    (l) =>
      l.startsWith('fitai_cache_lookups_total{') &&
      l.includes('cache="ai-answers"') &&
      l.includes(`result="${result}"`),
  );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

describe('AI answer cache (e2e, OpenAI-compatible test server)', () => {
  const server = new FakeChatServer();
  let port: number;
  const configFor = (overrides: Record<string, string> = {}) =>
    testConfig({
      AI_PROVIDER: 'openai',
      AI_BASE_URL: `http://127.0.0.1:${port}/v1/`,
      AI_MODEL: 'test-model',
      AI_API_KEY: 'test-key',
      AI_TIMEOUT_MS: '500',
      AI_MAX_RETRIES: '0',
      AI_COACH_DAILY_QUOTA: '1',
      ...overrides,
    });

  beforeAll(async () => {
    port = await server.start();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  describe('cache on', () => {
    let moduleRef: TestingModule;
    let ai: AiService;

    beforeAll(async () => {
      moduleRef = await boot(configFor());
      ai = moduleRef.get(AiService);
    });
    afterAll(() => moduleRef.close());

    it('answers a repeated summary from the cache: the second request never reaches the server', async () => {
      const userId = await createUser(moduleRef);
      const request = { userId, stats: weekStatistics(), notes: WEEK_NOTES };
      server.script_([OK], OK);

      const first = await ai.writeSummaryNarrative(request);
      expect(first).toMatchObject({ provider: 'openai', model: 'test-model', fellBack: false });
      expect(server.hits).toBe(1);
      const hitsBefore = await cacheLookups(moduleRef, 'hit');

      const second = await ai.writeSummaryNarrative({ ...request });
      expect(server.hits).toBe(1);
      expect(second).toEqual(first);
      // No provider call, so no metering row: one row for the two requests.
      expect(await usageRows(moduleRef, userId)).toBe(1);
      expect(await cacheLookups(moduleRef, 'hit')).toBe(hitsBefore + 1);
      expect(await cacheLookups(moduleRef, 'miss')).toBeGreaterThanOrEqual(1);

      // Other inputs, or another user with the same inputs, are asked anew.
      await ai.writeSummaryNarrative({ ...request, notes: [...WEEK_NOTES, 'A new note'] });
      expect(server.hits).toBe(2);
      await ai.writeSummaryNarrative({ ...request, userId: await createUser(moduleRef) });
      expect(server.hits).toBe(3);
    });

    it('does not cache a fallback answer: the next identical request asks the server again', async () => {
      const userId = await createUser(moduleRef);
      const request = { userId, stats: weekStatistics(), notes: ['Fallback first'] };
      server.script_([FAIL], OK);
      const fellBack = await ai.writeSummaryNarrative(request);
      expect(fellBack).toMatchObject({ provider: 'local', fellBack: true });
      expect(server.hits).toBe(1);
      const answered = await ai.writeSummaryNarrative(request);
      expect(answered).toMatchObject({ provider: 'openai', fellBack: false });
      expect(server.hits).toBe(2);
      await ai.writeSummaryNarrative(request);
      expect(server.hits).toBe(2);
    });

    it('takes no quota for a cached answer, and gives back a unit taken by the request', async () => {
      const userId = await createUser(moduleRef);
      let computed = 0;
      const task = (question: string): AiTask<{ answer: string }> => ({
        userId,
        feature: 'substitution',
        localModel: 'cache-test-rules',
        local: () => {
          computed += 1;
          return { answer: `about ${question}` };
        },
        cache: { inputs: { question }, schemaVersion: 'test-1' },
        quota: 'charge',
      });
      // Local-only tasks (no `remote`) are cached too, under the local model.
      const first = await ai.run(task('bench'));
      expect(first).toMatchObject({ value: { answer: 'about bench' }, provider: 'local' });
      expect(first.cached).toBeUndefined();
      // The daily quota (1) is used up, yet the same question is answered, from the cache.
      const again = await ai.run(task('bench'));
      expect(again).toMatchObject({ value: { answer: 'about bench' }, cached: true });
      expect(computed).toBe(1);
      // A new question needs the quota: 429.
      const denied = await ai.run(task('squat')).catch((error: unknown) => error);
      expect(denied).toBeInstanceOf(HttpException);
      expect((denied as HttpException).getStatus()).toBe(429);
      expect(server.hits).toBe(0);

      // Features answered in the worker took their unit at the request: a hit gives it back.
      const other = await createUser(moduleRef);
      const quota = moduleRef.get(AiQuotaService);
      const takenAt = new Date();
      await ai.run({ ...task('deadlift'), userId: other, quota: undefined });
      await quota.consume(other, 'substitution', takenAt);
      const hit = await ai.run({ ...task('deadlift'), userId: other, quota: { takenAt } });
      expect(hit.cached).toBe(true);
      // The unit is back: the next request may take it.
      await expect(quota.consume(other, 'substitution')).resolves.toBeUndefined();
    });
  });

  describe('local provider (AI_PROVIDER=local)', () => {
    let moduleRef: TestingModule;

    beforeAll(async () => {
      moduleRef = await boot(testConfig({ AI_PROVIDER: 'local' }));
    });
    afterAll(() => moduleRef.close());

    it('writes a summary narrative without the cache: its local template costs less than the lookup', async () => {
      const ai = moduleRef.get(AiService);
      const userId = await createUser(moduleRef);
      const request = { userId, stats: weekStatistics(), notes: WEEK_NOTES };
      const lookups = async () =>
        (await cacheLookups(moduleRef, 'hit')) + (await cacheLookups(moduleRef, 'miss'));
      const before = await lookups();

      const first = await ai.writeSummaryNarrative(request);
      const second = await ai.writeSummaryNarrative({ ...request });
      expect(first).toMatchObject({ provider: 'local', fellBack: false });
      expect(second).toEqual(first);
      // Computed twice (one metering row each), never looked up nor stored.
      expect(await usageRows(moduleRef, userId)).toBe(2);
      expect(await lookups()).toBe(before);
      expect(server.hits).toBe(0);
    });
  });

  describe('cache off (AI_CACHE_TTL_SECONDS=0)', () => {
    let moduleRef: TestingModule;

    beforeAll(async () => {
      moduleRef = await boot(configFor({ AI_CACHE_TTL_SECONDS: '0' }));
    });
    afterAll(() => moduleRef.close());

    it('asks the server every time', async () => {
      const userId = await createUser(moduleRef);
      const request = { userId, stats: weekStatistics(), notes: WEEK_NOTES };
      server.script_([], OK);
      const ai = moduleRef.get(AiService);
      await ai.writeSummaryNarrative(request);
      await ai.writeSummaryNarrative(request);
      expect(server.hits).toBe(2);
      expect(await usageRows(moduleRef, userId)).toBe(2);
    });
  });
});
