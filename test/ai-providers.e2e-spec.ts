import { Test, TestingModule } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../src/config/app-config';
import { CoreModule } from '../src/core.module';
import { MetricsService } from '../src/infrastructure/metrics/metrics.service';
import { AiModule } from '../src/modules/ai/ai.module';
import { AiService } from '../src/modules/ai/ai.service';
import { AiUsageRepository } from '../src/modules/ai/ai-usage.repository';
import { AI_BREAKER_SETTINGS, BreakerSettings } from '../src/modules/ai/openai-circuit-breaker';
import {
  composeLocalNarrative,
  LOCAL_MODEL,
} from '../src/modules/ai/providers/local-narrative.provider';
import { weekStatistics, WEEK_NOTES } from '../src/modules/ai/testing/statistics.fixture';
import { FakeChatServer, Reply } from './support/fake-chat-server';
import { eventually, testConfig } from './support/test-app';

const VALID_ANSWER = JSON.stringify({
  narrative:
    'Between {{firstDay}} and {{lastDay}} you logged {{entryCount}} entries, and your mood ' +
    'averaged {{mood.average}} out of ten, rising {{mood.trendPerWeek}} points a week.',
  highlights: [
    'Best day: {{bestDay.date}} ({{bestDay.averageMood}})',
    '“{{higherMoodTag.name}}” lifted your mood by {{higherMoodTag.difference}}',
  ],
});
const FILLED_NARRATIVE =
  'Between Monday 2 November and Sunday 8 November you logged 9 entries, and your mood ' +
  'averaged 6.4 out of ten, rising +0.8 points a week.';
const FILLED_HIGHLIGHTS = [
  'Best day: Saturday 7 November (8.5)',
  '“running” lifted your mood by +1.2',
];
const OK: Reply = { content: VALID_ANSWER, usage: { prompt_tokens: 321, completion_tokens: 45 } };

interface UsageRow {
  operation: string;
  provider: string;
  model: string;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  latency_ms: number;
  outcome: string;
}

async function bootAi(config: AppConfig, breaker: BreakerSettings): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [CoreModule.forRoot(config, 'worker'), AiModule],
  })
    .overrideProvider(AI_BREAKER_SETTINGS)
    .useValue(breaker)
    .compile();
  moduleRef.useLogger(moduleRef.get(Logger));
  return moduleRef.init();
}

async function createUser(moduleRef: TestingModule): Promise<string> {
  const [{ id }] = await moduleRef
    .get(DataSource)
    .query(`INSERT INTO users (email, display_name) VALUES ($1, 'AI tester') RETURNING id`, [
      `ai-${randomUUID()}@test.fitai.dev`,
    ]);
  return id as string;
}

async function usageOf(moduleRef: TestingModule, userId: string): Promise<UsageRow[]> {
  return moduleRef.get(DataSource).query(
    `SELECT operation, provider, model, prompt_tokens, completion_tokens, latency_ms, outcome
         FROM ai_usage WHERE user_id = $1 ORDER BY created_at, provider DESC`,
    [userId],
  );
}

function metricValue(text: string, name: string, labels: Record<string, string>): number | null {
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith(`${name}{`) &&
        Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : null;
}

describe('AI providers against an OpenAI-compatible server (e2e)', () => {
  const server = new FakeChatServer();
  let port: number;
  const request = (userId: string) => ({ userId, stats: weekStatistics(), notes: WEEK_NOTES });
  const configFor = (overrides: Record<string, string> = {}) =>
    testConfig({
      AI_PROVIDER: 'openai',
      AI_BASE_URL: `http://127.0.0.1:${port}/v1/`,
      AI_MODEL: 'test-model',
      AI_API_KEY: 'test-key',
      AI_TIMEOUT_MS: '300',
      AI_MAX_RETRIES: '1',
      AI_BREAKER_ERROR_PERCENT: '50',
      AI_BREAKER_RESET_MS: '500',
      ...overrides,
    });

  beforeAll(async () => {
    port = await server.start();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  describe('calls, retries and fallback (breaker never opens)', () => {
    let moduleRef: TestingModule;
    let ai: AiService;
    let userId: string;

    beforeAll(async () => {
      moduleRef = await bootAi(configFor(), { volumeThreshold: 1_000, rollingWindowMs: 60_000 });
      ai = moduleRef.get(AiService);
    });
    afterAll(() => moduleRef.close());
    beforeEach(async () => {
      userId = await createUser(moduleRef);
    });

    it('fills a valid answer from the statistics and meters its tokens', async () => {
      server.script_([OK]);
      const result = await ai.writeSummaryNarrative(request(userId));

      expect(result).toMatchObject({
        provider: 'openai',
        model: 'test-model',
        fellBack: false,
        narrative: FILLED_NARRATIVE,
        highlights: FILLED_HIGHLIGHTS,
      });
      expect(result.notes.sentimentLabel).not.toBeNull();
      expect(result.notes.keyPhrases).toContain('work deadline');

      expect(server.hits).toBe(1);
      const [{ headers, body }] = server.requests;
      expect(headers.authorization).toBe('Bearer test-key');
      expect(body).toMatchObject({
        model: 'test-model',
        response_format: { type: 'json_object' },
      });
      expect(body.temperature).toBeLessThanOrEqual(0.3);
      const messages = body.messages as { role: string; content: string }[];
      expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
      const prompt = JSON.parse(messages[1].content);
      expect(prompt.placeholders).toMatchObject({ entryCount: '9', 'mood.average': '6.4' });
      expect(prompt.statistics.entryCount).toBe(9);
      expect(prompt.notes).toEqual(WEEK_NOTES);

      expect(await usageOf(moduleRef, userId)).toEqual([
        expect.objectContaining({
          operation: 'summary',
          provider: 'openai',
          model: 'test-model',
          prompt_tokens: 321,
          completion_tokens: 45,
          outcome: 'success',
        }),
      ]);
      await expect(
        moduleRef.get(AiUsageRepository).countAnsweredSince(userId, 'summary', new Date(0)),
      ).resolves.toBe(1);
    });

    it('times out a slow answer, retries once, then falls back to the local provider', async () => {
      // Answers come after 10 s: only FitAI's timeout (300 ms) can end each attempt.
      server.script_([], { ...OK, delayMs: 10_000 });
      const result = await ai.writeSummaryNarrative(request(userId));

      // Both attempts were given up by FitAI, not answered late.
      await eventually(async () => (server.abandoned === 2 ? true : undefined));
      expect(result).toMatchObject({ provider: 'local', model: LOCAL_MODEL, fellBack: true });
      expect(result.narrative).toBe(
        composeLocalNarrative(weekStatistics(), result.notes).narrative,
      );
      expect(server.hits).toBe(2);

      const rows = await usageOf(moduleRef, userId);
      expect(rows).toEqual([
        expect.objectContaining({ provider: 'openai', outcome: 'timeout', prompt_tokens: null }),
        expect.objectContaining({ provider: 'local', model: LOCAL_MODEL, outcome: 'fallback' }),
      ]);
      expect(rows[0].latency_ms).toBeGreaterThanOrEqual(600);
    });

    it('retries a 500 and uses the answer of the retry', async () => {
      server.script_([{ status: 500, raw: '{"error":{"message":"boom"}}' }, OK]);
      const result = await ai.writeSummaryNarrative(request(userId));
      expect(result).toMatchObject({ provider: 'openai', fellBack: false });
      expect(server.hits).toBe(2);
      expect((await usageOf(moduleRef, userId)).map((r) => r.outcome)).toEqual(['success']);
    });

    it('falls back after 500s on every attempt', async () => {
      server.script_([], { status: 503, raw: '{"error":{"message":"overloaded"}}' });
      const result = await ai.writeSummaryNarrative(request(userId));
      expect(result).toMatchObject({ provider: 'local', fellBack: true });
      expect(server.hits).toBe(2);
      expect((await usageOf(moduleRef, userId)).map((r) => [r.provider, r.outcome])).toEqual([
        ['openai', 'error'],
        ['local', 'fallback'],
      ]);
    });

    it('does not retry a 4xx other than 429', async () => {
      server.script_([{ status: 401, raw: '{"error":{"message":"bad key"}}' }, OK]);
      const result = await ai.writeSummaryNarrative(request(userId));
      expect(result).toMatchObject({ provider: 'local', fellBack: true });
      expect(server.hits).toBe(1);
    });

    it('treats invalid JSON and digits in the narrative as failures, storing nothing broken', async () => {
      server.script_([
        {
          content: 'Here is your summary: you logged {{entryCount}} entries',
          usage: { prompt_tokens: 300, completion_tokens: 20 },
        },
        {
          content: JSON.stringify({ narrative: 'You logged 9 entries this week.', highlights: [] }),
          usage: { prompt_tokens: 300, completion_tokens: 15 },
        },
      ]);
      const result = await ai.writeSummaryNarrative(request(userId));

      expect(result).toMatchObject({ provider: 'local', fellBack: true });
      expect(result.narrative).not.toContain('{{');
      expect(result.narrative).toBe(
        composeLocalNarrative(weekStatistics(), result.notes).narrative,
      );
      expect(server.hits).toBe(2);
      // Both invalid answers were billed: their tokens are summed on the failed call's row.
      expect(await usageOf(moduleRef, userId)).toEqual([
        expect.objectContaining({
          provider: 'openai',
          outcome: 'invalid',
          prompt_tokens: 600,
          completion_tokens: 35,
        }),
        expect.objectContaining({ provider: 'local', outcome: 'fallback' }),
      ]);
    });

    it('rejects unknown placeholders and a body that is not a chat completion', async () => {
      server.script_([
        { content: JSON.stringify({ narrative: 'Median {{mood.median}}.', highlights: [] }) },
        { raw: '<html>gateway</html>' },
      ]);
      const result = await ai.writeSummaryNarrative(request(userId));
      expect(result).toMatchObject({ provider: 'local', fellBack: true });
      expect((await usageOf(moduleRef, userId)).map((r) => r.outcome)).toEqual([
        'invalid',
        'fallback',
      ]);
    });

    // Sums the calls made by the tests above in this block (they run in order).
    it('counts calls by provider and outcome in the metrics', async () => {
      const text = await moduleRef.get(MetricsService).metrics();
      expect(
        metricValue(text, 'fitai_ai_calls_total', { provider: 'openai', outcome: 'success' }),
      ).toBe(2);
      expect(
        metricValue(text, 'fitai_ai_calls_total', { provider: 'openai', outcome: 'timeout' }),
      ).toBe(1);
      expect(
        metricValue(text, 'fitai_ai_calls_total', { provider: 'openai', outcome: 'invalid' }),
      ).toBe(2);
      expect(
        metricValue(text, 'fitai_ai_calls_total', { provider: 'local', outcome: 'fallback' }),
      ).toBe(5);
      expect(
        metricValue(text, 'fitai_ai_call_duration_seconds_count', { provider: 'openai' }),
      ).toBe(7);
      expect(metricValue(text, 'fitai_ai_circuit_state', { provider: 'openai' })).toBe(0);
    });
  });

  describe('circuit breaker', () => {
    let moduleRef: TestingModule;
    let ai: AiService;
    let userId: string;
    const circuitState = async () =>
      metricValue(await moduleRef.get(MetricsService).metrics(), 'fitai_ai_circuit_state', {
        provider: 'openai',
      });

    beforeAll(async () => {
      moduleRef = await bootAi(configFor(), { volumeThreshold: 2, rollingWindowMs: 60_000 });
      ai = moduleRef.get(AiService);
      userId = await createUser(moduleRef);
    });
    afterAll(() => moduleRef.close());

    it('opens after repeated failures, skips the server while open, and closes after a good trial', async () => {
      server.script_([], { status: 500, raw: '{"error":{"message":"down"}}' });
      expect(await circuitState()).toBe(0);

      await ai.writeSummaryNarrative(request(userId));
      expect(server.hits).toBe(2);
      expect(await circuitState()).toBe(0); // one call: below the volume threshold

      await ai.writeSummaryNarrative(request(userId));
      expect(server.hits).toBe(4);
      expect(await circuitState()).toBe(2);
      expect(await moduleRef.get(MetricsService).metrics()).toMatch(
        /fitai_ai_circuit_state\{provider="openai"[^}]*\} 2/,
      );

      // Open: straight to the local provider, the server is not called, nothing remote metered.
      const whileOpen = await ai.writeSummaryNarrative(request(userId));
      expect(whileOpen).toMatchObject({ provider: 'local', fellBack: true });
      expect(server.hits).toBe(4);
      const text = await moduleRef.get(MetricsService).metrics();
      expect(
        metricValue(text, 'fitai_ai_calls_total', { provider: 'openai', outcome: 'rejected_open' }),
      ).toBe(1);
      expect((await usageOf(moduleRef, userId)).map((r) => `${r.provider}:${r.outcome}`)).toEqual([
        'openai:error',
        'local:fallback',
        'openai:error',
        'local:fallback',
        'local:fallback',
      ]);

      // After AI_BREAKER_RESET_MS the breaker lets one trial through; a good answer closes it.
      server.script_([], OK);
      await eventually(async () => ((await circuitState()) === 1 ? true : undefined), 3_000, 20);
      const trial = await ai.writeSummaryNarrative(request(userId));
      expect(trial).toMatchObject({
        provider: 'openai',
        fellBack: false,
        narrative: FILLED_NARRATIVE,
      });
      expect(server.hits).toBe(5);
      expect(await circuitState()).toBe(0);
    });
  });
});
