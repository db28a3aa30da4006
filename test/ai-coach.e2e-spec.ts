import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig } from '../src/config/app-config';
import { MetricsService } from '../src/infrastructure/metrics/metrics.service';
import { apiClient, ApiClient } from './support/api-client';
import { FakeChatServer } from './support/fake-chat-server';
import { libraryExerciseIds } from './support/fixtures';
import { PROBLEM, errorFields } from './support/problem';
import {
  eventually,
  registerUser,
  startApi,
  startWorker,
  TestApi,
  testConfig,
} from './support/test-app';

const SLUGS = {
  squat: 'Barbell_Squat',
  bench: 'Barbell_Bench_Press_-_Medium_Grip',
  row: 'Bent_Over_Barbell_Row',
  rdl: 'Romanian_Deadlift',
  press: 'Standing_Military_Press',
  pullup: 'Pullups',
};

const REQUEST = {
  goal: 'hypertrophy',
  daysPerWeek: 2,
  sessionMinutes: 60,
  level: 'intermediate',
  equipment: ['barbell', 'dumbbell'],
};

interface Generation {
  id: string;
  status: string;
  plan: {
    days: {
      name: string;
      rationale: string;
      estimatedMinutes: number;
      exercises: {
        exerciseId: string;
        equipment: string;
        prescription: Record<string, number | null>;
      }[];
    }[];
  } | null;
  provider: string | null;
  fellBack: boolean;
  templateId: string | null;
  failureReason: string | null;
}

async function finished(client: ApiClient, id: string): Promise<Generation> {
  return eventually(async () => {
    const res = await client.get(`/ai/generations/${id}`).expect(200);
    return ['completed', 'failed'].includes(res.body.status) ? (res.body as Generation) : undefined;
  }, 20_000);
}

/** Every exercise of the stored plan is a real library exercise the request allowed. */
async function expectStoredPlanValid(
  db: DataSource,
  generation: Generation,
  sessionMinutes: number,
) {
  expect(generation.status).toBe('completed');
  const ids = generation.plan!.days.flatMap((d) => d.exercises.map((e) => e.exerciseId));
  const rows: { id: string; equipment: string | null }[] = await db.query(
    'SELECT id, equipment FROM exercises WHERE id = ANY($1) AND deleted_at IS NULL',
    [ids],
  );
  expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));
  for (const row of rows)
    expect(['barbell', 'dumbbell', 'body only', null]).toContain(row.equipment);
  for (const day of generation.plan!.days)
    expect(day.estimatedMinutes).toBeLessThanOrEqual(sessionMinutes);
}

async function usageOf(
  db: DataSource,
  userId: string,
): Promise<{ provider: string; outcome: string }[]> {
  return db.query(
    `SELECT provider, outcome FROM ai_usage WHERE user_id = $1 AND operation = 'plan'
      ORDER BY created_at, provider DESC`,
    [userId],
  );
}

describe('AI coach: plan generation through the real worker (e2e)', () => {
  describe('local provider', () => {
    let config: AppConfig;
    let api: TestApi;
    let worker: INestApplicationContext;
    let db: DataSource;

    beforeAll(async () => {
      config = testConfig({ AI_COACH_DAILY_QUOTA: '3' });
      api = await startApi(config);
      worker = await startWorker(config);
      db = api.app.get(DataSource);
    });
    afterAll(async () => {
      await worker.close();
      await api.close();
    });

    it('generates a plan in the background from the library, within the constraints', async () => {
      const user = await registerUser(api.http);
      const client = apiClient(api.http, user);
      const accepted = await client.post('/ai/workout-generate', REQUEST).expect(202);
      expect(accepted.body).toMatchObject({ status: 'pending', plan: null, saveAsTemplate: false });
      expect(accepted.headers.location).toBe(`/api/v1/ai/generations/${accepted.body.id}`);
      expect(accepted.body.spec).toMatchObject({
        ...REQUEST,
        excludedExerciseIds: [],
        avoidMuscles: [],
      });

      const done = await finished(client, accepted.body.id);
      await expectStoredPlanValid(db, done, 60);
      expect(done).toMatchObject({ provider: 'local', fellBack: false, templateId: null });
      expect(done.plan!.days).toHaveLength(2);
      expect(await usageOf(db, user.id)).toEqual([{ provider: 'local', outcome: 'success' }]);

      const list = await client.get('/ai/generations').expect(200);
      expect(list.body.items.map((g: { id: string }) => g.id)).toEqual([done.id]);
    });

    it('takes the equipment and level from the preferences, and respects exclusions', async () => {
      const user = await registerUser(api.http);
      const client = apiClient(api.http, user);
      await client
        .put('/users/preferences', { equipment: ['dumbbell'], trainingLevel: 'beginner' })
        .expect(200);
      const ids = await libraryExerciseIds(db, SLUGS);
      const accepted = await client
        .post('/ai/workout-generate', {
          goal: 'strength',
          daysPerWeek: 3,
          sessionMinutes: 45,
          excludedExerciseIds: [ids.pullup],
          avoidMuscles: ['lower back'],
        })
        .expect(202);
      expect(accepted.body.spec).toMatchObject({ level: 'beginner', equipment: ['dumbbell'] });
      const done = await finished(client, accepted.body.id);
      await expectStoredPlanValid(db, done, 45);
      const used = done.plan!.days.flatMap((d) => d.exercises);
      expect(used.map((e) => e.exerciseId)).not.toContain(ids.pullup);
      for (const e of used) expect(['dumbbell', 'body only']).toContain(e.equipment);
      const loadsLowerBack: { n: number }[] = await db.query(
        `SELECT count(*)::int AS n FROM exercises WHERE id = ANY($1)
           AND ('lower back' = ANY(primary_muscles) OR 'lower back' = ANY(secondary_muscles))`,
        [used.map((e) => e.exerciseId)],
      );
      expect(loadsLowerBack[0].n).toBe(0);
    });

    it('saves the plan as a private template with POST /templates/ai-generate; others get 404', async () => {
      const owner = await registerUser(api.http);
      const other = await registerUser(api.http);
      const client = apiClient(api.http, owner);
      const accepted = await client.post('/templates/ai-generate', REQUEST).expect(202);
      expect(accepted.body.saveAsTemplate).toBe(true);
      const done = await finished(client, accepted.body.id);
      expect(done.templateId).toEqual(expect.any(String));
      const template = await client.get(`/templates/${done.templateId}`).expect(200);
      expect(template.body).toMatchObject({
        visibility: 'private',
        goal: 'hypertrophy',
        daysPerWeek: 2,
      });
      expect(template.body.days[0].notes).toBe(done.plan!.days[0].rationale);
      expect(template.body.days[0].exercises[0].exerciseId).toBe(
        done.plan!.days[0].exercises[0].exerciseId,
      );

      const stranger = apiClient(api.http, other);
      await stranger.get(`/ai/generations/${done.id}`).expect(404);
      await stranger.get(`/templates/${done.templateId}`).expect(404);
      expect((await stranger.get('/ai/generations').expect(200)).body.items).toEqual([]);
    });

    it('answers 401 without a token, 400 for bad input, 404 for an unknown id', async () => {
      await request(api.http).post('/api/v1/ai/workout-generate').send(REQUEST).expect(401);
      await request(api.http).get(`/api/v1/ai/generations/${randomUUID()}`).expect(401);
      await request(api.http).post('/api/v1/templates/ai-generate').send(REQUEST).expect(401);
      const client = apiClient(api.http, await registerUser(api.http));
      const res = await client
        .post('/ai/workout-generate', {
          goal: 'fly',
          daysPerWeek: 9,
          sessionMinutes: 5,
          equipment: ['rocket'],
        })
        .expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(errorFields(res).sort()).toEqual([
        'daysPerWeek',
        'equipment',
        'goal',
        'sessionMinutes',
      ]);
      await client.get(`/ai/generations/${randomUUID()}`).expect(404);
      await client.get('/ai/generations/not-a-uuid').expect(400);
    });

    it('enforces the daily plan quota with 429 and Retry-After', async () => {
      const client = apiClient(api.http, await registerUser(api.http));
      // Three different requests (a repeated one could be answered from the AI cache, uncounted).
      for (const daysPerWeek of [2, 3, 4]) {
        await client.post('/ai/workout-generate', { ...REQUEST, daysPerWeek }).expect(202);
      }
      const denied = await client
        .post('/templates/ai-generate', { ...REQUEST, daysPerWeek: 5 })
        .expect(429);
      expect(denied.headers['content-type']).toMatch(PROBLEM);
      expect(denied.body).toMatchObject({
        type: 'urn:fitai:problem:quota-exceeded',
        quota: 3,
        feature: 'plan',
      });
      expect(Number(denied.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('exercise substitutions', () => {
    let config: AppConfig;
    let api: TestApi;
    let db: DataSource;

    beforeAll(async () => {
      config = testConfig({ AI_COACH_DAILY_QUOTA: '2' });
      api = await startApi(config);
      db = api.app.get(DataSource);
    });
    afterAll(() => api.close());

    it("ranks alternatives by muscle overlap with the user's equipment, never the missing one", async () => {
      const user = await registerUser(api.http);
      const client = apiClient(api.http, user);
      await client
        .put('/users/preferences', { equipment: ['barbell', 'dumbbell', 'cable'] })
        .expect(200);
      const { bench } = await libraryExerciseIds(db, SLUGS);
      const res = await client
        .post('/ai/exercise-suggest', { exerciseId: bench, reason: 'equipment_missing', limit: 5 })
        .expect(200);
      expect(res.body.exercise).toMatchObject({ id: bench, equipment: 'barbell' });
      expect(res.body.alternatives).toHaveLength(5);
      for (const alternative of res.body.alternatives) {
        expect(['dumbbell', 'cable', 'body only', null]).toContain(alternative.exercise.equipment);
        expect(alternative.exercise.primaryMuscles).toContain('chest');
        expect(alternative.why.length).toBeGreaterThan(0);
      }
      const usage: { provider: string; outcome: string }[] = await db.query(
        `SELECT provider, outcome FROM ai_usage WHERE user_id = $1 AND operation = 'substitution'`,
        [user.id],
      );
      expect(usage).toEqual([{ provider: 'local', outcome: 'success' }]);

      // The substitution quota is its own: the plan quota is untouched.
      await client
        .post('/ai/exercise-suggest', { exerciseId: bench, reason: 'variety' })
        .expect(200);
      const denied = await client
        .post('/ai/exercise-suggest', { exerciseId: bench, reason: 'variety', limit: 3 })
        .expect(429);
      expect(denied.body).toMatchObject({ feature: 'substitution', quota: 2 });
      expect(Number(denied.headers['retry-after'])).toBeGreaterThan(0);
      // A question asked before is answered from the AI cache: no quota, no new usage row.
      const repeated = await client
        .post('/ai/exercise-suggest', { exerciseId: bench, reason: 'equipment_missing', limit: 5 })
        .expect(200);
      expect(repeated.body).toEqual(res.body);
      const [{ rows }] = await db.query(
        `SELECT count(*)::int AS rows FROM ai_usage WHERE user_id = $1 AND operation = 'substitution'`,
        [user.id],
      );
      expect(rows).toBe(2);
    });

    it('answers 404 for an exercise the user cannot see, 400 for bad input, 401 anonymous', async () => {
      const client = apiClient(api.http, await registerUser(api.http));
      await client
        .post('/ai/exercise-suggest', { exerciseId: randomUUID(), reason: 'pain' })
        .expect(404);
      // Someone else's exercise, still pending review, is not in this user's catalogue.
      const creator = apiClient(api.http, await registerUser(api.http));
      const { body: pending } = await creator
        .post('/exercises', {
          name: `Private squat ${randomUUID()}`,
          category: 'strength',
          level: 'beginner',
          equipment: 'kettlebells',
          primaryMuscles: ['quadriceps'],
          secondaryMuscles: ['glutes'],
          instructions: ['Hold the kettlebell at your chest.', 'Squat down slowly.'],
        })
        .expect(201);
      expect(pending.status).toBe('pending');
      const hidden = await client
        .post('/ai/exercise-suggest', { exerciseId: pending.id, reason: 'pain' })
        .expect(404);
      expect(hidden.body.detail).toBe('No such exercise.');
      // Its creator may ask for substitutes of it.
      await creator
        .post('/ai/exercise-suggest', { exerciseId: pending.id, reason: 'pain' })
        .expect(200);
      const bad = await client
        .post('/ai/exercise-suggest', { exerciseId: 'x', reason: 'boredom', limit: 99 })
        .expect(400);
      expect(errorFields(bad).sort()).toEqual(['exerciseId', 'limit', 'reason']);
      await request(api.http)
        .post('/api/v1/ai/exercise-suggest')
        .send({ exerciseId: randomUUID(), reason: 'pain' })
        .expect(401);
    });
  });

  describe('template optimisation', () => {
    let api: TestApi;
    let db: DataSource;

    beforeAll(async () => {
      api = await startApi(testConfig());
      db = api.app.get(DataSource);
    });
    afterAll(() => api.close());

    interface PlannedWorkout {
      id: string;
      exercises: { exerciseId: string; sets: { id: string; plannedWeight: number | null }[] }[];
    }

    /** One session of the template: every set at the planned load for `reps`. */
    async function session(client: ApiClient, templateId: string, reps: number): Promise<void> {
      const plan: PlannedWorkout = (await client.post('/workouts', { templateId }).expect(201))
        .body;
      await client.post(`/workouts/${plan.id}/start`).expect(200);
      for (const exercise of plan.exercises) {
        for (const set of exercise.sets) {
          await client
            .put(`/workouts/${plan.id}/exercises/${exercise.exerciseId}/sets/${set.id}`, {
              weight: set.plannedWeight,
              reps,
              rpe: 9.5,
              completed: true,
            })
            .expect(200);
        }
      }
      await client.post(`/workouts/${plan.id}/complete`).expect(200);
    }

    it('proposes a deload from missed reps, with the numbers, and applies only what the user names', async () => {
      const user = await registerUser(api.http);
      const client = apiClient(api.http, user);
      const { squat } = await libraryExerciseIds(db, SLUGS);
      const sets = Array.from({ length: 3 }, () => ({
        repsMin: 5,
        repsMax: 8,
        weightKg: 100,
        rpeTarget: 8,
        restSeconds: 180,
      }));
      const template = (
        await client
          .post('/templates', {
            name: 'Squat day',
            goal: 'strength',
            level: 'intermediate',
            days: [{ name: 'Legs', exercises: [{ exerciseId: squat, sets }] }],
          })
          .expect(201)
      ).body;
      for (let i = 0; i < 3; i += 1) await session(client, template.id, 3);

      const proposal = await client.post(`/templates/${template.id}/ai-optimize`).expect(200);
      expect(proposal.body).toMatchObject({
        templateId: template.id,
        templateVersion: template.version,
        sessionsAnalysed: 3,
      });
      const deload = proposal.body.changes.find((c: { kind: string }) => c.kind === 'deload');
      expect(deload).toMatchObject({ dayIndex: 0, exerciseIndex: 0, exerciseId: squat });
      expect(deload.evidence).toMatchObject({ missedSets: 6, sets: 6 });
      expect(deload.reason).toMatch(/Missed reps in 6 of 6 sets/);
      // Proposed, not applied: the template is unchanged.
      const unchanged = await client.get(`/templates/${template.id}`).expect(200);
      expect(unchanged.body.version).toBe(template.version);

      // Another user sees none of it.
      const stranger = apiClient(api.http, await registerUser(api.http));
      await stranger.post(`/templates/${template.id}/ai-optimize`).expect(404);
      await stranger
        .post(`/templates/${template.id}/ai-optimize/${proposal.body.id}/apply`, {
          changeIds: [deload.id],
        })
        .expect(404);
      await request(api.http).post(`/api/v1/templates/${template.id}/ai-optimize`).expect(401);
      await client
        .post(`/templates/${template.id}/ai-optimize/${proposal.body.id}/apply`, {
          changeIds: ['c99'],
        })
        .expect(400);

      const applied = await client
        .post(`/templates/${template.id}/ai-optimize/${proposal.body.id}/apply`, {
          changeIds: [deload.id],
        })
        .expect(200);
      expect(applied.body.version).toBe(template.version + 1);
      expect(
        applied.body.days[0].exercises[0].sets.map((s: { weightKg: number; rpeTarget: number }) => [
          s.weightKg,
          s.rpeTarget,
        ]),
      ).toEqual([
        [90, 7],
        [90, 7],
        [90, 7],
      ]);
      // A proposal made for an older version cannot be applied: the template changed since.
      const stale = await client.post(`/templates/${template.id}/ai-optimize`).expect(200);
      await client
        .put(`/templates/${template.id}`, {
          name: 'Squat day, edited',
          goal: 'strength',
          level: 'intermediate',
          days: [{ name: 'Legs', exercises: [{ exerciseId: squat, sets }] }],
        })
        .expect(200);
      const conflict = await client
        .post(`/templates/${template.id}/ai-optimize/${stale.body.id}/apply`, {
          changeIds: [stale.body.changes[0].id],
        })
        .expect(409);
      expect(conflict.body.detail).toMatch(/changed since the proposal/);
      // Applied once only.
      await client
        .post(`/templates/${template.id}/ai-optimize/${proposal.body.id}/apply`, {
          changeIds: [deload.id],
        })
        .expect(409);
    });
  });

  describe('goal optimisation', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await startApi(testConfig());
    });
    afterAll(() => api.close());

    const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000);

    it('judges a body-weight goal from the readings against safe weekly rates, and proposes a later date', async () => {
      const user = await registerUser(api.http);
      const client = apiClient(api.http, user);
      for (const [days, weight] of [
        [-21, 90],
        [-14, 89.5],
        [-7, 89],
        [-1, 88.6],
      ]) {
        await client
          .post('/progress/body', { measuredAt: daysFromNow(days).toISOString(), weight })
          .expect(201);
      }
      const goal = (
        await client
          .post('/goals', { type: 'body', metric: 'body_weight', title: 'Cut to 80', target: 80 })
          .expect(201)
      ).body;
      const targetDate = daysFromNow(28).toISOString().slice(0, 10);
      const res = await client
        .post('/ai/goal-optimize', { goalId: goal.id, targetDate })
        .expect(200);
      expect(res.body).toMatchObject({
        metric: 'body_weight',
        goalId: goal.id,
        unit: 'kg',
        current: 88.6,
        target: 80,
        targetDate,
        realistic: false,
      });
      expect(res.body.trendPerWeek).toBeLessThan(0);
      expect(res.body.proposedDate.date > targetDate).toBe(true);
      expect(res.body.proposedDate.earliest <= res.body.proposedDate.date).toBe(true);
      expect(res.body.proposedDate.date <= res.body.proposedDate.latest).toBe(true);
      expect(res.body.proposedTarget.value).toBeGreaterThan(80);
      expect(res.body.milestones.length).toBeGreaterThan(0);
      expect(res.body.sources.join(' ')).toMatch(/Hall et al/);

      // Realistic with time: 0.75 % a week over six months is within the safe range.
      const later = await client
        .post('/ai/goal-optimize', {
          metric: 'body_weight',
          target: 85,
          targetDate: daysFromNow(182).toISOString().slice(0, 10),
        })
        .expect(200);
      expect(later.body).toMatchObject({ realistic: true, goalId: null });

      const stranger = apiClient(api.http, await registerUser(api.http));
      await stranger.post('/ai/goal-optimize', { goalId: goal.id }).expect(404);
      await request(api.http)
        .post('/api/v1/ai/goal-optimize')
        .send({ goalId: goal.id })
        .expect(401);
    });

    it('validates the request', async () => {
      const client = apiClient(api.http, await registerUser(api.http));
      const res = await client
        .post('/ai/goal-optimize', { metric: 'e1rm', target: 100 })
        .expect(400);
      expect(errorFields(res)).toEqual(['exerciseId']);
      const both = await client
        .post('/ai/goal-optimize', {
          goalId: randomUUID(),
          metric: 'e1rm',
          targetDate: '2027-02-30',
        })
        .expect(400);
      expect(errorFields(both).sort()).toEqual(['metric', 'targetDate']);
      await client.post('/ai/goal-optimize', { goalId: randomUUID() }).expect(404);
    });
  });

  describe('OpenAI-compatible provider', () => {
    const server = new FakeChatServer();
    let config: AppConfig;
    let api: TestApi;
    let worker: INestApplicationContext;
    let db: DataSource;
    let ids: Record<keyof typeof SLUGS, string>;

    /** A good answer: two days of three exercises, within every limit. */
    const goodAnswer = () =>
      JSON.stringify({
        days: [
          {
            name: 'Day one',
            rationale: 'Squat, press and row.',
            exercises: [ids.squat, ids.bench, ids.row].map(set),
          },
          {
            name: 'Day two',
            rationale: 'Hinge, press and pull.',
            exercises: [ids.rdl, ids.press, ids.pullup].map(set),
          },
        ],
      });
    const set = (exerciseId: string) => ({
      exerciseId,
      sets: 3,
      repsMin: 6,
      repsMax: 10,
      rpeTarget: 8,
      rirTarget: null,
      restSeconds: 120,
    });
    const usage = { prompt_tokens: 900, completion_tokens: 300 };

    beforeAll(async () => {
      const port = await server.start();
      config = testConfig({
        AI_PROVIDER: 'openai',
        AI_BASE_URL: `http://127.0.0.1:${port}/v1`,
        AI_MODEL: 'test-model',
        AI_TIMEOUT_MS: '1500',
        AI_MAX_RETRIES: '1',
        // Failing scenarios must all reach the server: the breaker is proven elsewhere.
        AI_BREAKER_ERROR_PERCENT: '100',
      });
      api = await startApi(config);
      worker = await startWorker(config);
      db = api.app.get(DataSource);
      ids = await libraryExerciseIds(db, SLUGS);
    });
    afterEach(() => server.reset());
    afterAll(async () => {
      await worker.close();
      await api.close();
      await server.close();
    });

    async function generate(): Promise<{ user: { id: string }; done: Generation }> {
      const user = await registerUser(api.http);
      const client = apiClient(api.http, user);
      const accepted = await client.post('/ai/workout-generate', REQUEST).expect(202);
      return { user, done: await finished(client, accepted.body.id) };
    }

    it('stores a good structured answer, asked for with a strict JSON schema', async () => {
      server.script_([{ content: goodAnswer(), usage }]);
      const { user, done } = await generate();
      await expectStoredPlanValid(db, done, 60);
      expect(done).toMatchObject({ provider: 'openai', fellBack: false });
      expect(done.plan!.days.map((d) => d.name)).toEqual(['Day one', 'Day two']);
      expect(done.plan!.days[0].exercises.map((e) => e.exerciseId)).toEqual([
        ids.squat,
        ids.bench,
        ids.row,
      ]);
      expect(server.hits).toBe(1);
      const body = server.requests[0].body as {
        response_format: { type: string; json_schema: { strict: boolean } };
      };
      expect(body.response_format).toMatchObject({
        type: 'json_schema',
        json_schema: { strict: true },
      });
      expect(await usageOf(db, user.id)).toEqual([{ provider: 'openai', outcome: 'success' }]);
    });

    it('retries an invalid answer once and uses the retry', async () => {
      server.script_([{ content: 'not json at all' }, { content: goodAnswer(), usage }]);
      const { done } = await generate();
      expect(done).toMatchObject({ provider: 'openai', fellBack: false });
      expect(server.hits).toBe(2);
    });

    it.each([
      ['invalid JSON', () => ({ content: '{"days": [' })],
      [
        'an exercise id that does not exist',
        () => ({ content: goodAnswer().replace(ids.row, randomUUID()) }),
      ],
      ['numbers out of range', () => ({ content: goodAnswer().replace(/"sets":3/g, '"sets":40') })],
      ['a timeout', () => ({ content: goodAnswer(), delayMs: 3_000 })],
    ])(
      'falls back to the local rules after %s twice, storing nothing invalid',
      async (_label, reply) => {
        server.script_([reply(), reply()]);
        const { user, done } = await generate();
        await expectStoredPlanValid(db, done, 60);
        expect(done).toMatchObject({ provider: 'local', fellBack: true });
        expect(server.hits).toBe(2);
        const rows = await usageOf(db, user.id);
        expect(rows).toEqual([
          { provider: 'openai', outcome: expect.stringMatching(/^(invalid|timeout)$/) },
          { provider: 'local', outcome: 'fallback' },
        ]);
      },
    );

    it('shows the fallbacks of plan generation in the worker metrics', async () => {
      const text = await worker.get(MetricsService).metrics();
      const line = text
        .split('\n')
        .find(
          (l) =>
            l.startsWith('fitai_ai_calls_total{') &&
            l.includes('provider="local"') &&
            l.includes('outcome="fallback"') &&
            l.includes('feature="plan"'),
        );
      expect(line).toBeDefined();
      expect(Number(line!.slice(line!.lastIndexOf(' ') + 1))).toBeGreaterThanOrEqual(4);
    });
  });
});
