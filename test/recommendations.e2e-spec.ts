import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { RecommendationsService } from '../src/modules/ai-coach/recommendations/recommendations.service';
import { apiClient, ApiClient } from './support/api-client';
import { BENCH_PRESS, libraryExerciseIds } from './support/fixtures';
import {
  eventually,
  registerUser,
  startApi,
  startWorker,
  TestApi,
  TestUser,
  testConfig,
} from './support/test-app';

interface Recommendation {
  id: string;
  kind: string;
  subject: string;
  state: string;
  title: string;
  message: string;
  score: number;
  features: Record<string, number | string | null>;
  sources: string[];
  feedback: string | null;
  feedbackReason: string | null;
}

const DAY = 86_400_000;

describe('Recommendations (e2e, real worker)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let db: DataSource;
  let bench: string;

  beforeAll(async () => {
    // No debounce and a fast tick: a workout's event makes the user due at once.
    api = await startApi(
      testConfig({ RECOMMENDATIONS_DEBOUNCE_SECONDS: '0', RECOMMENDATIONS_TICK_MS: '200' }),
    );
    worker = await startWorker(api.config);
    db = api.app.get(DataSource);
    ({ bench } = await libraryExerciseIds(db, { bench: BENCH_PRESS }));
  }, 60_000);
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  /** A session held `daysAgo` days ago, logged after the fact: 3 bench sets at `rpe`. */
  async function pastSession(client: ApiClient, daysAgo: number, minutes: number, rpe: number) {
    const start = new Date(Date.now() - daysAgo * DAY);
    await client
      .post('/workouts', {
        name: `Bench ${daysAgo} days ago`,
        startedAt: start.toISOString(),
        completedAt: new Date(start.getTime() + minutes * 60_000).toISOString(),
        exercises: [
          {
            exerciseId: bench,
            sets: [1, 2, 3].map(() => ({ weight: 80, reps: 8, rpe })),
          },
        ],
      })
      .expect(201);
  }

  const current = async (client: ApiClient): Promise<Recommendation[]> =>
    (await client.get('/ai/recommendations', { limit: 100 }).expect(200)).body.items;

  /**
   * Four weeks of bench sessions: three a week of 60 min at RPE 6 (360 AU each), then the last
   * week three of 90 min at RPE 8 (720 AU each). Acute 2,160 AU; chronic (9 × 360 + 2,160) / 4
   * = 1,350 AU a week; ACWR 1.6, above 1.5 (the worked example of training-load.spec.ts).
   */
  async function spikingLifter(): Promise<{ user: TestUser; client: ApiClient }> {
    const user = await registerUser(api.http);
    const client = apiClient(api.http, user);
    for (const daysAgo of [26, 24, 22, 19, 17, 15, 12, 10, 8]) {
      await pastSession(client, daysAgo, 60, 6);
    }
    for (const daysAgo of [5, 3, 1]) await pastSession(client, daysAgo, 90, 8);
    return { user, client };
  }

  it('after workouts, recommends a deload for a load spike and work for the muscles left out, with their features; feedback changes what is shown', async () => {
    // Someone else's public template, for the "template that suits you" kind.
    const author = apiClient(api.http, await registerUser(api.http));
    const template = (
      await author
        .post('/templates', {
          name: 'Full body, three days',
          goal: 'general_fitness',
          level: 'beginner',
          visibility: 'public',
          days: [1, 2, 3].map((n) => ({
            name: `Day ${n}`,
            exercises: [
              { exerciseId: bench, sets: [{ repsMin: 8, repsMax: 10, restSeconds: 90 }] },
            ],
          })),
        })
        .expect(201)
    ).body;

    const { user, client } = await spikingLifter();

    // The worker computes them after the workouts' events (debounced per user, then the tick).
    const recs = await eventually(async () => {
      const items = await current(client);
      const load = items.find((r) => r.kind === 'training_load');
      return load?.features.acwr === 1.6 ? items : undefined;
    }, 30_000);

    const load = recs.find((r) => r.kind === 'training_load')!;
    expect(load).toMatchObject({ subject: 'acwr', state: 'active', feedback: null });
    expect(load.features).toMatchObject({
      acwr: 1.6,
      acuteLoad: 2160,
      chronicWeeklyLoad: 1350,
      zone: 'high',
      sessionsAcute: 3,
      sessionsChronic: 12,
      sessionsWithoutRpe: 0,
      kindWeight: 0.5,
    });
    expect(load.title).toMatch(/deload/);
    expect(load.sources.join(' ')).toMatch(/Gabbett/);
    expect(load.sources.join(' ')).toMatch(/Foster/);

    // Bench only: chest gets 3 × 12 / 4 = 9 sets a week (enough); legs and back get none.
    const muscles = recs.filter((r) => r.kind === 'under_trained_muscle');
    const subjects = muscles.map((r) => r.subject);
    expect(subjects).toEqual(
      expect.arrayContaining(['quadriceps', 'hamstrings', 'glutes', 'lats', 'middle back']),
    );
    expect(subjects).not.toContain('chest');
    const quads = muscles.find((r) => r.subject === 'quadriceps')!;
    expect(quads.features).toMatchObject({
      muscle: 'quadriceps',
      weeklySets: 0,
      minWeeklySets: 6,
      sessions: 12,
      kindWeight: 0.5,
    });
    expect(quads.score).toBeCloseTo(0.8 * 0.5, 3);
    const suggested = recs.find((r) => r.kind === 'template');
    expect(suggested?.features).toMatchObject({ templateId: template.id, sessionsFromTemplate: 0 });
    // Ranked best first: the load spike leads.
    expect(recs[0].kind).toBe('training_load');

    // "Not useful" on the quadriceps one: it leaves the list, its kind is shown less.
    const answered = await client
      .put(`/ai/recommendations/${quads.id}/feedback`, {
        feedback: 'not_useful',
        reason: 'I train legs at another gym',
      })
      .expect(200);
    expect(answered.body).toMatchObject({
      id: quads.id,
      state: 'dismissed',
      feedback: 'not_useful',
      feedbackReason: 'I train legs at another gym',
    });

    const recommendations = worker.get(RecommendationsService);
    await recommendations.recompute(user.id);
    const after = await current(client);
    expect(after.find((r) => r.subject === 'quadriceps')).toBeUndefined();
    const hamstrings = after.find((r) => r.subject === 'hamstrings')!;
    // Beta(1, 2): the kind's weight fell from 1/2 to 1/3; other kinds keep 1/2.
    expect(hamstrings.features.kindWeight).toBeCloseTo(1 / 3, 3);
    expect(hamstrings.score).toBeCloseTo(0.8 / 3, 3);
    expect(after.find((r) => r.kind === 'training_load')!.features.kindWeight).toBe(0.5);
    // Refreshed in place: the same ids as before the feedback.
    expect(hamstrings.id).toBe(muscles.find((r) => r.subject === 'hamstrings')!.id);

    // The next day the dismissed one still does not come back; after its 14 days it may.
    await recommendations.recompute(user.id, new Date(Date.now() + DAY));
    expect((await current(client)).find((r) => r.subject === 'quadriceps')).toBeUndefined();
    await recommendations.recompute(user.id, new Date(Date.now() + 15 * DAY));
    const later = await current(client);
    expect(later.find((r) => r.subject === 'quadriceps')?.features.kindWeight).toBeCloseTo(
      1 / 3,
      3,
    );
    // Two weeks on the spike is over: the load recommendation is resolved, kept in the history.
    expect(later.find((r) => r.kind === 'training_load')).toBeUndefined();

    const history: Recommendation[] = [];
    let cursor: string | undefined;
    do {
      const page = await client
        .get('/ai/recommendations/history', { limit: 3, ...(cursor ? { cursor } : {}) })
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      history.push(...page.body.items);
      cursor = page.body.meta.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(history.map((r) => r.id)).size).toBe(history.length);
    expect(history.find((r) => r.id === quads.id)).toMatchObject({ state: 'dismissed' });
    expect(history.find((r) => r.id === load.id)).toMatchObject({ state: 'resolved' });
    expect(history.filter((r) => r.subject === 'quadriceps')).toHaveLength(2);

    // Paginated current list.
    const firstPage = await client.get('/ai/recommendations', { limit: 2 }).expect(200);
    expect(firstPage.body.items).toHaveLength(2);
    expect(firstPage.body.meta).toMatchObject({ page: 1, limit: 2, total: later.length });
  }, 120_000);

  it("answers 404 for another user's recommendation and 400 for bad feedback", async () => {
    const owner = await registerUser(api.http);
    const ownerClient = apiClient(api.http, owner);
    for (const daysAgo of [20, 13, 6, 2]) await pastSession(ownerClient, daysAgo, 45, 7);
    const [rec] = await eventually(async () => {
      const items = await current(ownerClient);
      return items.length > 0 ? items : undefined;
    }, 30_000);

    const stranger = apiClient(api.http, await registerUser(api.http));
    await stranger
      .put(`/ai/recommendations/${rec.id}/feedback`, { feedback: 'useful' })
      .expect(404);
    expect(await current(stranger)).toEqual([]);
    const strangersHistory = await stranger.get('/ai/recommendations/history').expect(200);
    expect(strangersHistory.body.items).toEqual([]);

    await ownerClient
      .put(`/ai/recommendations/${randomUUID()}/feedback`, { feedback: 'useful' })
      .expect(404);
    await ownerClient
      .put('/ai/recommendations/not-a-uuid/feedback', { feedback: 'useful' })
      .expect(400);
    await ownerClient
      .put(`/ai/recommendations/${rec.id}/feedback`, { feedback: 'maybe' })
      .expect(400);
    await ownerClient
      .put(`/ai/recommendations/${rec.id}/feedback`, { feedback: 'useful', extra: 1 })
      .expect(400);
    await ownerClient
      .put(`/ai/recommendations/${rec.id}/feedback`, {
        feedback: 'useful',
        reason: 'x'.repeat(501),
      })
      .expect(400);
    await ownerClient.get('/ai/recommendations', { limit: 0 }).expect(400);
    await ownerClient.get('/ai/recommendations/history', { cursor: 'forged' }).expect(400);
    await request(api.http).get('/api/v1/ai/recommendations').expect(401);

    // "Useful" keeps it in the list and raises its kind: Beta(2, 1).
    const kept = await ownerClient
      .put(`/ai/recommendations/${rec.id}/feedback`, { feedback: 'useful' })
      .expect(200);
    expect(kept.body).toMatchObject({ state: 'active', feedback: 'useful' });
    await worker.get(RecommendationsService).recompute(owner.id);
    const again = (await current(ownerClient)).find((r) => r.id === rec.id)!;
    expect(again.features.kindWeight).toBeCloseTo(2 / 3, 3);
  }, 120_000);
});
