import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GoalsService } from '../src/modules/goals/goals.service';
import { ApiClient, registerClient } from './support/api-client';
import { BENCH_PRESS, completedWorkout, libraryExerciseIds } from './support/fixtures';
import { errorFields, PROBLEM } from './support/problem';
import { domainEventsSettled, publishedEventsOf } from './support/domain-events';
import { eventually, startApi, startWorker, TestApi } from './support/test-app';

type Body = Record<string, unknown>;

describe('goals (e2e)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let db: DataSource;
  let bench: string;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker(api.config);
    db = api.app.get(DataSource);
    ({ bench } = await libraryExerciseIds(db, { bench: BENCH_PRESS }));
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  /** A completed workout of bench press sets. */
  async function completeWorkout(
    phone: ApiClient,
    sets: { weight: number; reps: number; setType?: string }[],
  ) {
    await completedWorkout(
      phone,
      sets.map((set) => ({ exerciseId: bench, ...set })),
    );
  }

  /** Polls GET /goals/:id/progress until the worker has moved it to `percent`. */
  function progressAt(phone: ApiClient, goalId: string, percent: number): Promise<Body> {
    return eventually(async () => {
      const res = await phone.get(`/goals/${goalId}/progress`).expect(200);
      return res.body.percent === percent ? (res.body as Body) : undefined;
    });
  }

  async function milestoneCounts(goalId: string): Promise<Record<number, number>> {
    const rows: { percent: number; n: number }[] = await db.query(
      'SELECT percent, count(*)::int AS n FROM goal_milestones WHERE goal_id = $1 GROUP BY percent',
      [goalId],
    );
    return Object.fromEntries(rows.map((r) => [r.percent, r.n]));
  }

  it('a strength goal reaches 50 % and then 100 % through completed workouts, each milestone once', async () => {
    const { user, client: phone } = await registerClient(api.http);
    // History: a single at 100 kg, so an e1RM of exactly 100 kg.
    await completeWorkout(phone, [{ weight: 100, reps: 1 }]);

    const created = await phone
      .post('/goals', {
        type: 'strength',
        metric: 'e1rm',
        exerciseId: bench,
        title: 'Bench 120',
        target: 120,
      })
      .expect(201);
    const goal = created.body;
    expect(created.headers.location).toBe(`/api/v1/goals/${goal.id}`);
    expect(goal).toMatchObject({
      unit: 'kg',
      baseline: 100,
      current: 100,
      target: 120,
      progress: 0,
      status: 'active',
    });

    // A warm-up set is ignored; the working single at 110 kg is half way.
    await completeWorkout(phone, [
      { weight: 115, reps: 1, setType: 'warm_up' },
      { weight: 110, reps: 1 },
    ]);
    const half = await progressAt(phone, goal.id, 50);
    expect(half).toMatchObject({ current: 110, status: 'active', achievedAt: null });
    expect((half.milestones as Body[]).map((m) => [m.percent, m.value])).toEqual([
      [25, 110],
      [50, 110],
    ]);

    // The recompute job is idempotent: running it again records nothing new.
    const goals = worker.get(GoalsService);
    await goals.recompute(user.id);
    await goals.recompute(user.id);
    expect(await milestoneCounts(goal.id)).toEqual({ 25: 1, 50: 1 });

    await completeWorkout(phone, [{ weight: 120, reps: 1 }]);
    const done = await progressAt(phone, goal.id, 100);
    expect(done).toMatchObject({ current: 120, status: 'achieved' });
    expect((done.milestones as Body[]).map((m) => m.percent)).toEqual([25, 50, 75, 100]);
    expect(await milestoneCounts(goal.id)).toEqual({ 25: 1, 50: 1, 75: 1, 100: 1 });

    // Achieved once: another run and another workout change nothing.
    await goals.recompute(user.id);
    await completeWorkout(phone, [{ weight: 125, reps: 1 }]);
    await domainEventsSettled(api.app);
    const after = (await phone.get(`/goals/${goal.id}/progress`).expect(200)).body;
    expect(after).toMatchObject({ current: 120, status: 'achieved', achievedAt: done.achievedAt });
    expect(await milestoneCounts(goal.id)).toEqual({ 25: 1, 50: 1, 75: 1, 100: 1 });

    const listed = (await phone.get('/goals?status=achieved').expect(200)).body;
    expect(listed.items.map((g: Body) => g.id)).toEqual([goal.id]);

    // Each milestone and the achievement were announced once, whatever ran again.
    const announced = (await publishedEventsOf(db, user.id)).filter((e) =>
      e.name.startsWith('goal.'),
    );
    expect(announced).toEqual([
      ...[25, 50, 75, 100].map((percent) => ({
        name: 'goal.milestone-reached',
        payload: { userId: user.id, goalId: goal.id, percent },
      })),
      { name: 'goal.achieved', payload: { userId: user.id, goalId: goal.id } },
    ]);
  });

  it('a body-weight goal is moved by body readings (POST /progress/body)', async () => {
    const { client: phone } = await registerClient(api.http);
    const goal = { type: 'body', metric: 'body_weight', title: 'Cut to 80', target: 80 };
    const noReading = await phone.post('/goals', goal).expect(422);
    expect(noReading.body.type).toMatch(/no-baseline$/);

    await phone
      .post('/progress/body', { measuredAt: '2026-11-01T07:00:00Z', weight: 90 })
      .expect(201);
    const created = (await phone.post('/goals', goal).expect(201)).body;
    expect(created).toMatchObject({ baseline: 90, target: 80, progress: 0 });

    await phone
      .post('/progress/body', { measuredAt: '2026-11-15T07:00:00Z', weight: 85 })
      .expect(201);
    const half = await progressAt(phone, created.id, 50);
    expect(half).toMatchObject({ current: 85, status: 'active' });
    expect((half.milestones as Body[]).map((m) => m.percent)).toEqual([25, 50]);
  });

  it('validates per type, with field paths', async () => {
    const { client: phone } = await registerClient(api.http);
    const noExercise = await phone
      .post('/goals', { type: 'strength', metric: 'e1rm', title: 'Bench', target: 100 })
      .expect(400);
    expect(noExercise.headers['content-type']).toMatch(PROBLEM);
    expect(errorFields(noExercise)).toEqual(['exerciseId']);

    const wrongMetric = await phone
      .post('/goals', { type: 'body', metric: 'e1rm', title: 'Fat', target: 15 })
      .expect(400);
    expect(errorFields(wrongMetric)).toEqual(['metric']);

    const tooMany = await phone
      .post('/goals', {
        type: 'consistency',
        metric: 'sessions_per_week',
        title: 'Train',
        target: 20,
      })
      .expect(400);
    expect(errorFields(tooMany)).toEqual(['target']);

    const shape = await phone
      .post('/goals', { type: 'nope', metric: 'e1rm', title: '', target: -1, extra: 1 })
      .expect(400);
    expect(errorFields(shape)).toEqual(
      expect.arrayContaining(['type', 'title', 'target', 'extra']),
    );

    await completeWorkout(phone, [{ weight: 100, reps: 1 }]);
    const alreadyMet = await phone
      .post('/goals', {
        type: 'strength',
        metric: 'e1rm',
        exerciseId: bench,
        title: 'Bench',
        target: 95,
      })
      .expect(400);
    expect(alreadyMet.body.errors).toEqual([
      { field: 'target', messages: ['target must be above your current 100 kg'] },
    ]);
  });

  it("answers 404 for another user's goal, 409 when completing a goal that is not active", async () => {
    const { client: owner } = await registerClient(api.http);
    const { client: other } = await registerClient(api.http);
    const consistency = {
      type: 'consistency',
      metric: 'sessions_per_week',
      title: 'Three a week',
      target: 3,
    };
    const goal = (await owner.post('/goals', consistency).expect(201)).body;
    expect(goal).toMatchObject({ unit: 'sessions/week', baseline: 0, current: 0 });

    await other.get(`/goals/${goal.id}`).expect(404);
    await other.get(`/goals/${goal.id}/progress`).expect(404);
    await other.put(`/goals/${goal.id}`, { title: 'Mine' }).expect(404);
    await other.post(`/goals/${goal.id}/complete`).expect(404);
    await other.delete(`/goals/${goal.id}`).expect(404);
    expect((await other.get('/goals').expect(200)).body.items).toEqual([]);

    const completed = await owner.post(`/goals/${goal.id}/complete`).expect(200);
    expect(completed.body).toMatchObject({ status: 'achieved' });
    const again = await owner.post(`/goals/${goal.id}/complete`).expect(409);
    expect(again.headers['content-type']).toMatch(PROBLEM);
    expect(again.body).toMatchObject({
      status: 409,
      type: expect.stringMatching(/goal-not-active$/),
    });

    const second = (await owner.post('/goals', consistency).expect(201)).body;
    await owner.put(`/goals/${second.id}`, { status: 'abandoned' }).expect(200);
    await owner.post(`/goals/${second.id}/complete`).expect(409);

    const analytics = (await owner.get('/goals/analytics').expect(200)).body;
    expect(analytics).toMatchObject({
      total: 2,
      byStatus: { active: 0, achieved: 1, abandoned: 1 },
      byType: { strength: 0, body: 0, consistency: 2 },
      achievementRate: 0.5,
    });
    expect(analytics.averageDaysToAchieve).toBe(0);

    await owner.delete(`/goals/${second.id}`).expect(204);
    await owner.get(`/goals/${second.id}`).expect(404);
  });
});
