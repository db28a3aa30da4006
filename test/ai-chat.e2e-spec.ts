import request from 'supertest';
import { DataSource } from 'typeorm';
import { ChatService } from '../src/modules/ai-coach/chat/chat.service';
import { CHAT_LIMITS } from '../src/modules/ai-coach/chat/context-window';
import { ProgressService } from '../src/modules/progress/progress.service';
import { apiClient, ApiClient, registerClient } from './support/api-client';
import { FakeChatServer } from './support/fake-chat-server';
import { completedWorkout, libraryExerciseIds } from './support/fixtures';
import { PROBLEM } from './support/problem';
import { registerUser, startApi, TestApi, testConfig } from './support/test-app';

const SLUGS = { squat: 'Barbell_Squat', bench: 'Barbell_Bench_Press_-_Medium_Grip' };

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** The events of a text/event-stream body. */
function parseSse(body: string): SseEvent[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))!.slice(7);
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      return { event, data: JSON.parse(data) as Record<string, unknown> };
    });
}

/** POST /ai/chat asking for a stream; the raw body as text. */
function streamChat(api: TestApi, accessToken: string, message: string) {
  return request(api.http)
    .post('/api/v1/ai/chat')
    .auth(accessToken, { type: 'bearer' })
    .set('Accept', 'text/event-stream')
    .send({ message })
    .buffer(true)
    .parse((res, done) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => done(null, text));
    });
}

/** The user's chat metering rows, oldest first. */
function chatUsage(api: TestApi, userId: string) {
  return api.app.get(DataSource).query(
    `SELECT provider, outcome, prompt_tokens AS "promptTokens", completion_tokens AS "completionTokens"
         FROM ai_usage WHERE user_id = $1 AND operation = 'chat' ORDER BY created_at, id`,
    [userId],
  ) as Promise<Record<string, unknown>[]>;
}

/** Two squat sessions and a bench one; answers the squat's best e1RM as GET /progress gives it. */
async function seedLifts(
  client: ApiClient,
  ids: Record<keyof typeof SLUGS, string>,
): Promise<number> {
  await completedWorkout(client, [
    { exerciseId: ids.squat, weight: 100, reps: 5 },
    { exerciseId: ids.squat, weight: 110, reps: 3 },
  ]);
  await completedWorkout(client, [
    { exerciseId: ids.squat, weight: 122.5, reps: 4 },
    { exerciseId: ids.bench, weight: 80, reps: 6 },
  ]);
  const progress = await client.get(`/progress/strength/${ids.squat}`, { weeks: 156 }).expect(200);
  expect(progress.body.best).not.toBeNull();
  return progress.body.best.e1rm as number;
}

describe('AI chat coach (e2e)', () => {
  describe('with the local provider', () => {
    let api: TestApi;
    let ids: Record<keyof typeof SLUGS, string>;

    beforeAll(async () => {
      api = await startApi(testConfig({ AI_COACH_DAILY_QUOTA: '1000' }));
      ids = await libraryExerciseIds(api.app.get(DataSource), SLUGS);
    }, 60_000);

    afterAll(() => api.close());

    it('quotes exactly the best squat the progress API gives', async () => {
      const { client } = await registerClient(api.http);
      const best = await seedLifts(client, ids);
      const res = await client.post('/ai/chat', { message: 'What is my best squat?' }).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.reply).toMatchObject({
        role: 'assistant',
        intent: 'lift_progress',
        provider: 'local',
        fellBack: false,
      });
      expect(res.body.reply.content).toContain(`estimated 1RM of ${best} kg`);
      expect(res.body.facts).toMatchObject({ exercise: 'Barbell Squat', bestE1rm: best });

      // A follow-up naming only another lift answers about that lift.
      const bench = await client.post('/ai/chat', { message: 'and bench press?' }).expect(200);
      const benchBest = (
        await client.get(`/progress/strength/${ids.bench}`, { weeks: 156 }).expect(200)
      ).body.best.e1rm;
      expect(bench.body.reply.content).toContain(`${benchBest} kg`);
    }, 60_000);

    it('reads the three-year strength summary only for turns that need it', async () => {
      const { client } = await registerClient(api.http);
      await seedLifts(client, ids);
      const strength = jest.spyOn(api.app.get(ProgressService), 'strength');
      try {
        const turns: [message: string, intent: string, reads: number][] = [
          // Intents named by their words: no lift to look up.
          ["What's my streak?", 'streaks', 0],
          ['How are my goals going?', 'goals', 0],
          ['How many sets did I do last week?', 'weekly_volume', 0],
          ['Can you diagnose my shoulder pain?', 'medical_refusal', 0],
          // A lift question names its lift among the trained ones: one read.
          ['What is my best squat?', 'lift_progress', 1],
          // No rule names it: is it a lift? One read, shared with the answer.
          ['and bench press?', 'lift_progress', 1],
          ['Who will win the league this year?', 'unknown', 1],
        ];
        for (const [message, intent, reads] of turns) {
          strength.mockClear();
          const res = await client.post('/ai/chat', { message }).expect(200);
          expect(res.body.reply.intent).toBe(intent);
          expect([message, strength.mock.calls.length]).toEqual([message, reads]);
        }
      } finally {
        strength.mockRestore();
      }
    }, 60_000);

    it('compares mood on training and rest days over every entry and session of 8 weeks (> 500 of each)', async () => {
      const { client, user } = await registerClient(api.http);
      await client.put('/users/preferences', { timeZone: 'UTC' }).expect(200);
      const db = api.app.get(DataSource);
      const at = (days: string, hours: number) =>
        `date_trunc('day', now()) - make_interval(days => ${days}) + make_interval(hours => ${hours}, secs => i)`;
      // The newest 500 entries: 10 rest days (1–10 days ago), 50 entries each, mood 3.
      await db.query(
        `INSERT INTO entries (user_id, occurred_at, type, mood)
         SELECT $1, ${at('d', 12)}, 'mood', 3 FROM generate_series(1, 10) d, generate_series(1, 50) i`,
        [user.id],
      );
      // Older: 10 training days (20–29 days ago), 10 entries each, mood 9, one session each.
      await db.query(
        `INSERT INTO entries (user_id, occurred_at, type, mood)
         SELECT $1, ${at('d', 12)}, 'mood', 9 FROM generate_series(20, 29) d, generate_series(1, 10) i`,
        [user.id],
      );
      const sessions = (days: string, perDay: number) =>
        db.query(
          `INSERT INTO workouts (user_id, name, status, session_at, started_at, completed_at, total_volume_kg)
           SELECT $1, 'Session', 'completed', t, t, t + interval '1 hour', 1000
             FROM (SELECT ${at('d', 6)} AS t FROM ${days} d, generate_series(1, ${perDay}) i) s`,
          [user.id],
        );
      await sessions('generate_series(20, 29)', 1);
      // The newest 550 sessions: on 5 days without a mood (11–15 days ago), 110 each.
      await sessions('generate_series(11, 15)', 110);

      const res = await client
        .post('/ai/chat', { message: 'How does my mood relate to training?' })
        .expect(200);
      expect(res.body.reply.intent).toBe('mood_training');
      expect(res.body.facts).toEqual({
        weeks: 8,
        trainingDaysWithMood: 10,
        restDaysWithMood: 10,
        averageMoodTrainingDays: 9,
        averageMoodRestDays: 3,
        difference: 6,
      });
    }, 60_000);

    it('refuses medical questions politely, and says what it cannot answer', async () => {
      const { client } = await registerClient(api.http);
      for (const message of [
        'My knee hurts when I squat, is it a meniscus tear?',
        'Can you diagnose my shoulder pain?',
        'I get chest pain when I deadlift',
      ]) {
        const res = await client.post('/ai/chat', { message }).expect(200);
        expect(res.body.reply.intent).toBe('medical_refusal');
        expect(res.body.reply.content).toContain("I can't give medical advice");
      }
      const unknown = await client
        .post('/ai/chat', { message: 'Who will win the league this year?' })
        .expect(200);
      expect(unknown.body.reply.intent).toBe('unknown');
      expect(unknown.body.reply.content).toMatch(/^I can't answer that/);
    }, 60_000);

    it('rejects an empty or oversized message with a 400', async () => {
      const { client } = await registerClient(api.http);
      await client.post('/ai/chat', { message: '' }).expect(400).expect('content-type', PROBLEM);
      await client
        .post('/ai/chat', { message: 'x'.repeat(CHAT_LIMITS.messageMaxChars + 1) })
        .expect(400);
      await client.post('/ai/chat', { message: 'hi', extra: 1 }).expect(400);
      // Within the characters, over the tokens: 1,000 CJK characters are 2,000 tokens.
      const tokens = await client.post('/ai/chat', { message: '漢'.repeat(900) }).expect(400);
      expect(tokens.body.errors).toEqual([
        { field: 'message', messages: [expect.stringContaining('at most 500 tokens')] },
      ]);
      await client.post('/ai/chat', { message: '   ' }).expect(400);
      // None of these used the quota or stored anything.
      expect((await client.get('/ai/chat/history').expect(200)).body.items).toEqual([]);
    });

    it('pages the history newest first, keeps it per user, and deletes it', async () => {
      const owner = await registerClient(api.http);
      const stranger = await registerClient(api.http);
      for (const message of ['hello', "What's my streak?", 'What should I train today?']) {
        await owner.client.post('/ai/chat', { message }).expect(200);
      }
      await stranger.client.post('/ai/chat', { message: 'hello' }).expect(200);

      const first = await owner.client.get('/ai/chat/history', { limit: 4 }).expect(200);
      expect(first.body.items.map((m: { role: string }) => m.role)).toEqual([
        'assistant',
        'user',
        'assistant',
        'user',
      ]);
      expect(first.body.items[1].content).toBe('What should I train today?');
      expect(first.body.meta.nextCursor).toEqual(expect.any(String));
      const second = await owner.client
        .get('/ai/chat/history', { limit: 4, cursor: first.body.meta.nextCursor })
        .expect(200);
      expect(second.body.items.map((m: { content: string }) => m.content)).toEqual([
        expect.stringContaining('Hi!'),
        'hello',
      ]);
      expect(second.body.meta.nextCursor).toBeNull();

      // The stranger sees only their own turn, and deleting theirs leaves the owner's.
      const theirs = await stranger.client.get('/ai/chat/history').expect(200);
      expect(theirs.body.items).toHaveLength(2);
      await stranger.client.delete('/ai/chat/history').expect(204);
      expect((await stranger.client.get('/ai/chat/history').expect(200)).body.items).toEqual([]);
      expect((await owner.client.get('/ai/chat/history').expect(200)).body.items).toHaveLength(6);

      await owner.client.delete('/ai/chat/history').expect(204);
      expect((await owner.client.get('/ai/chat/history').expect(200)).body.items).toEqual([]);
      await owner.client.get('/ai/chat/history', { cursor: 'forged' }).expect(400);
    }, 60_000);

    it('keeps the context under its token budget over a 200-turn conversation', async () => {
      const user = await registerUser(api.http);
      const client = apiClient(api.http, user);
      await seedLifts(client, ids);
      const questions = [
        'What is my best squat? I would like to know how it has been going lately.',
        "What's my training streak at the moment, and how consistent have I been?",
        'What should I train today given what I did over the last two weeks?',
        'How much volume did I lift last week across all of my sessions?',
        'How does my mood relate to training days compared with rest days?',
        'Tell me something about football.',
      ];
      // Some turns over HTTP, the bulk through the service (the same code path minus HTTP).
      for (let turn = 0; turn < 6; turn += 1) {
        await client.post('/ai/chat', { message: questions[turn] }).expect(200);
      }
      const chat = api.app.get(ChatService);
      const sizes: number[] = [];
      for (let turn = 6; turn < 200; turn += 1) {
        const reply = await chat.send(user.id, `${questions[turn % questions.length]} (${turn})`);
        sizes.push(reply.context.tokens);
      }

      const db = api.app.get(DataSource);
      const stored: { context_tokens: number }[] = await db.query(
        `SELECT context_tokens FROM chat_messages
          WHERE user_id = $1 AND role = 'assistant' ORDER BY created_at`,
        [user.id],
      );
      expect(stored).toHaveLength(200);
      for (const row of stored) {
        expect(row.context_tokens).toBeGreaterThan(0);
        expect(row.context_tokens).toBeLessThanOrEqual(CHAT_LIMITS.contextBudgetTokens);
      }
      // The budget was reached and old turns were folded, not dropped: the history is whole.
      expect(Math.max(...sizes)).toBeGreaterThan(CHAT_LIMITS.contextBudgetTokens * 0.8);
      const [conversation] = await db.query(
        'SELECT summary, summary_tokens, folded_messages FROM chat_conversations WHERE user_id = $1',
        [user.id],
      );
      expect(conversation.folded_messages).toBeGreaterThan(200);
      expect(conversation.summary_tokens).toBeGreaterThan(0);
      expect(conversation.summary_tokens).toBeLessThanOrEqual(CHAT_LIMITS.summaryBudgetTokens);
      expect(conversation.summary).toContain('- asked "');
      const [{ count }] = await db.query(
        'SELECT count(*)::int AS count FROM chat_messages WHERE user_id = $1',
        [user.id],
      );
      expect(count).toBe(400);

      // The last turns over HTTP report the same bounded context.
      const last = await client.post('/ai/chat', { message: questions[0] }).expect(200);
      expect(last.body.context.tokens).toBeLessThanOrEqual(CHAT_LIMITS.contextBudgetTokens);
      expect(last.body.context.budget).toBe(CHAT_LIMITS.contextBudgetTokens);
      expect(last.body.reply.content).toContain(String(last.body.facts.bestE1rm));
    }, 300_000);

    it('answers JSON even when a stream is asked for: the local provider does not stream', async () => {
      const user = await registerUser(api.http);
      const res = await request(api.http)
        .post('/api/v1/ai/chat')
        .auth(user.accessToken, { type: 'bearer' })
        .set('Accept', 'text/event-stream, application/json')
        .send({ message: 'hello' })
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.reply.intent).toBe('help');
    });
  });

  describe('quota', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await startApi(testConfig({ AI_COACH_DAILY_QUOTA: '2' }));
    }, 60_000);

    afterAll(() => api.close());

    it('answers 429 with Retry-After once the daily chat quota is used', async () => {
      const { client } = await registerClient(api.http);
      await client.post('/ai/chat', { message: 'hello' }).expect(200);
      await client.post('/ai/chat', { message: 'hello again' }).expect(200);
      const denied = await client.post('/ai/chat', { message: 'one more' }).expect(429);
      expect(denied.headers['content-type']).toMatch(PROBLEM);
      expect(Number(denied.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(denied.headers['retry-after'])).toBeLessThanOrEqual(86_400);
      expect(denied.body).toMatchObject({
        type: 'urn:fitai:problem:quota-exceeded',
        feature: 'chat',
        quota: 2,
      });
      // Nothing of the refused turn was stored.
      expect((await client.get('/ai/chat/history').expect(200)).body.items).toHaveLength(4);
    }, 60_000);
  });

  describe('with an OpenAI-compatible model', () => {
    const server = new FakeChatServer();
    let api: TestApi;
    let ids: Record<keyof typeof SLUGS, string>;

    beforeAll(async () => {
      const port = await server.start();
      api = await startApi(
        testConfig({
          AI_PROVIDER: 'openai',
          AI_BASE_URL: `http://127.0.0.1:${port}/v1`,
          AI_MODEL: 'test-model',
          AI_TIMEOUT_MS: '5000',
          // Several answers here are invalid on purpose: the breaker must not open between tests.
          AI_BREAKER_ERROR_PERCENT: '100',
          AI_COACH_DAILY_QUOTA: '1000',
        }),
      );
      ids = await libraryExerciseIds(api.app.get(DataSource), SLUGS);
    }, 60_000);

    afterAll(async () => {
      await api.close();
      await server.close();
    });

    beforeEach(() => server.reset());

    it('streams a grounded answer as Server-Sent Events, chunk by chunk', async () => {
      const user = await registerUser(api.http);
      const best = await seedLifts(apiClient(api.http, user), ids);
      const content = `Your best squat is an estimated ${best} kg. Keep it up! Well done.`;
      server.script_([
        {
          chunks: [
            'Your best sq',
            `uat is an estimated ${best}`,
            ' kg. Keep it',
            ' up! Well done.',
          ],
          chunkDelayMs: 20,
          usage: { prompt_tokens: 300, completion_tokens: 20 },
        },
      ]);
      const res = await streamChat(api, user.accessToken, 'What is my best squat?').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      const events = parseSse(res.body as string);
      const deltas = events.filter((e) => e.event === 'delta');
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.map((e) => e.data.text).join('')).toBe(content);
      expect(events.some((e) => e.event === 'replace')).toBe(false);
      const done = events[events.length - 1];
      expect(done.event).toBe('done');
      expect(done.data.reply).toMatchObject({
        content,
        provider: 'openai',
        model: 'test-model',
        fellBack: false,
        intent: 'lift_progress',
      });

      // The model was asked to stream, with the facts in the prompt.
      const sent = server.requests[0].body as { stream: boolean; messages: { content: string }[] };
      expect(sent.stream).toBe(true);
      expect(sent.messages[1].content).toContain(`"bestE1rm":${best}`);
      const history = await apiClient(api.http, user).get('/ai/chat/history').expect(200);
      expect(history.body.items[0].content).toBe(content);
      // One answering row, with the tokens the stream reported.
      expect(await chatUsage(api, user.id)).toEqual([
        { provider: 'openai', outcome: 'success', promptTokens: 300, completionTokens: 20 },
      ]);
    }, 60_000);

    it('withdraws a streamed answer that invents a number, and the local answer replaces it', async () => {
      const user = await registerUser(api.http);
      const best = await seedLifts(apiClient(api.http, user), ids);
      server.script_([{ chunks: ['Great question. ', 'Your best squat is 999', ' kg. Nice.'] }]);
      const res = await streamChat(api, user.accessToken, 'What is my best squat?').expect(200);
      const events = parseSse(res.body as string);
      expect(events[0]).toEqual({ event: 'delta', data: { text: 'Great question.' } });
      const replace = events.find((e) => e.event === 'replace');
      expect(replace?.data.text).toContain(`estimated 1RM of ${best} kg`);
      const done = events[events.length - 1];
      expect(done.data.reply).toMatchObject({ provider: 'local', fellBack: true });
      expect(done.data.reply).toHaveProperty('content', replace?.data.text);
      expect(JSON.stringify(events)).not.toContain('999 kg.');
      // The withdrawn remote answer's row, then the answering local one.
      expect(await chatUsage(api, user.id)).toEqual([
        { provider: 'openai', outcome: 'invalid', promptTokens: null, completionTokens: null },
        { provider: 'local', outcome: 'fallback', promptTokens: null, completionTokens: null },
      ]);
    }, 60_000);

    it('answers the local text as a plain delta when the stream fails before any text', async () => {
      const user = await registerUser(api.http);
      const best = await seedLifts(apiClient(api.http, user), ids);
      server.script_([{ status: 503, raw: '{"error":{"message":"overloaded"}}' }]);
      const res = await streamChat(api, user.accessToken, 'What is my best squat?').expect(200);
      const events = parseSse(res.body as string);
      expect(events.map((e) => e.event)).toEqual(['delta', 'done']);
      expect(events[0].data.text).toContain(`estimated 1RM of ${best} kg`);
      expect(events[1].data.reply).toMatchObject({ provider: 'local', fellBack: true });
      expect(server.hits).toBe(1);
      expect(await chatUsage(api, user.id)).toEqual([
        { provider: 'openai', outcome: 'error', promptTokens: null, completionTokens: null },
        { provider: 'local', outcome: 'fallback', promptTokens: null, completionTokens: null },
      ]);
    }, 60_000);

    it('falls back to the local answer when a JSON answer quotes a number not in the facts', async () => {
      const user = await registerUser(api.http);
      const client = apiClient(api.http, user);
      const best = await seedLifts(client, ids);
      server.script_([
        { content: `Your best squat is ${best + 20} kg.` },
        { content: `Your best squat is an estimated ${best} kg.` },
      ]);
      const invented = await client
        .post('/ai/chat', { message: 'What is my best squat?' })
        .expect(200);
      expect(invented.body.reply).toMatchObject({ provider: 'local', fellBack: true });
      expect(invented.body.reply.content).toContain(`estimated 1RM of ${best} kg`);
      expect(invented.body.reply.content).not.toContain(`${best + 20}`);

      const grounded = await client
        .post('/ai/chat', { message: 'What is my best squat?' })
        .expect(200);
      expect(grounded.body.reply).toMatchObject({
        provider: 'openai',
        fellBack: false,
        content: `Your best squat is an estimated ${best} kg.`,
      });
      // The second request carried the first turn as context (multi-turn).
      const roles = (server.requests[1].body.messages as { role: string }[]).map((m) => m.role);
      expect(roles).toEqual(['system', 'system', 'user', 'assistant', 'user']);
    }, 60_000);

    it('never sends a medical question to the model', async () => {
      const user = await registerUser(api.http);
      const res = await streamChat(api, user.accessToken, 'Do I have tendinitis?').expect(200);
      const events = parseSse(res.body as string);
      expect(events[0].event).toBe('delta');
      expect(events[0].data.text).toContain("I can't give medical advice");
      expect(server.hits).toBe(0);
    });
  });
});
