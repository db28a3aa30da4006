import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { GoalsService } from '../src/modules/goals/goals.service';
import { eventually, registerUser, startApi, startWorker, TestApi } from './support/test-app';

const PROBLEM = /application\/problem\+json/;
type Body = Record<string, unknown>;

/** One signed-in user: every call carries their access token. */
function client(http: App, accessToken: string) {
  const call = (method: 'get' | 'post' | 'put' | 'delete', path: string, body?: object) => {
    const req = request(http)[method](`/api/v1${path}`).auth(accessToken, { type: 'bearer' });
    return body === undefined ? req : req.send(body);
  };
  return {
    get: (path: string) => call('get', path),
    post: (path: string, body: object = {}) => call('post', path, body),
    put: (path: string, body: object) => call('put', path, body),
    delete: (path: string) => call('delete', path),
  };
}
type Client = ReturnType<typeof client>;

function fields(res: request.Response): string[] {
  return (res.body.errors as { field: string }[]).map((e) => e.field);
}

describe('goals (e2e)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let db: DataSource;
  let bench: string;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker(api.config);
    db = api.app.get(DataSource);
    [{ id: bench }] = await db.query(
      `SELECT id FROM exercises WHERE slug = 'Barbell_Bench_Press_-_Medium_Grip'`,
    );
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  async function newUser(): Promise<{ id: string; phone: Client }> {
    const user = await registerUser(api.http);
    return { id: user.id, phone: client(api.http, user.accessToken) };
  }

  /** A workout with the sets logged, started and completed through the workouts routes. */
  async function completeWorkout(
    phone: Client,
    sets: { weight: number; reps: number; setType?: string }[],
  ) {
    const workout = (await phone.post('/workouts', { name: 'Bench day' }).expect(201)).body;
    await phone.post(`/workouts/${workout.id}/exercises`, { exerciseId: bench }).expect(201);
    await phone.post(`/workouts/${workout.id}/start`).expect(200);
    for (const set of sets) {
      await phone.post(`/workouts/${workout.id}/exercises/${bench}/sets`, set).expect(201);
    }
    await phone.post(`/workouts/${workout.id}/complete`).expect(200);
  }

  /** Polls GET /goals/:id/progress until the worker has moved it to `percent`. */
  function progressAt(phone: Client, goalId: string, percent: number): Promise<Body> {
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
    const { id: userId, phone } = await newUser();
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
    await goals.recompute(userId);
    await goals.recompute(userId);
    expect(await milestoneCounts(goal.id)).toEqual({ 25: 1, 50: 1 });

    await completeWorkout(phone, [{ weight: 120, reps: 1 }]);
    const done = await progressAt(phone, goal.id, 100);
    expect(done).toMatchObject({ current: 120, status: 'achieved' });
    expect((done.milestones as Body[]).map((m) => m.percent)).toEqual([25, 50, 75, 100]);
    expect(await milestoneCounts(goal.id)).toEqual({ 25: 1, 50: 1, 75: 1, 100: 1 });

    // Achieved once: another run and another workout change nothing.
    await goals.recompute(userId);
    await completeWorkout(phone, [{ weight: 125, reps: 1 }]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const after = (await phone.get(`/goals/${goal.id}/progress`).expect(200)).body;
    expect(after).toMatchObject({ current: 120, status: 'achieved', achievedAt: done.achievedAt });
    expect(await milestoneCounts(goal.id)).toEqual({ 25: 1, 50: 1, 75: 1, 100: 1 });

    const listed = (await phone.get('/goals?status=achieved').expect(200)).body;
    expect(listed.items.map((g: Body) => g.id)).toEqual([goal.id]);
  });

  it('a body-weight goal is moved by body readings (POST /progress/body)', async () => {
    const { phone } = await newUser();
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
    const { phone } = await newUser();
    const noExercise = await phone
      .post('/goals', { type: 'strength', metric: 'e1rm', title: 'Bench', target: 100 })
      .expect(400);
    expect(noExercise.headers['content-type']).toMatch(PROBLEM);
    expect(fields(noExercise)).toEqual(['exerciseId']);

    const wrongMetric = await phone
      .post('/goals', { type: 'body', metric: 'e1rm', title: 'Fat', target: 15 })
      .expect(400);
    expect(fields(wrongMetric)).toEqual(['metric']);

    const tooMany = await phone
      .post('/goals', {
        type: 'consistency',
        metric: 'sessions_per_week',
        title: 'Train',
        target: 20,
      })
      .expect(400);
    expect(fields(tooMany)).toEqual(['target']);

    const shape = await phone
      .post('/goals', { type: 'nope', metric: 'e1rm', title: '', target: -1, extra: 1 })
      .expect(400);
    expect(fields(shape)).toEqual(expect.arrayContaining(['type', 'title', 'target', 'extra']));

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
    const owner = await newUser();
    const other = await newUser();
    const consistency = {
      type: 'consistency',
      metric: 'sessions_per_week',
      title: 'Three a week',
      target: 3,
    };
    const goal = (await owner.phone.post('/goals', consistency).expect(201)).body;
    expect(goal).toMatchObject({ unit: 'sessions/week', baseline: 0, current: 0 });

    await other.phone.get(`/goals/${goal.id}`).expect(404);
    await other.phone.get(`/goals/${goal.id}/progress`).expect(404);
    await other.phone.put(`/goals/${goal.id}`, { title: 'Mine' }).expect(404);
    await other.phone.post(`/goals/${goal.id}/complete`).expect(404);
    await other.phone.delete(`/goals/${goal.id}`).expect(404);
    expect((await other.phone.get('/goals').expect(200)).body.items).toEqual([]);

    const completed = await owner.phone.post(`/goals/${goal.id}/complete`).expect(200);
    expect(completed.body).toMatchObject({ status: 'achieved' });
    const again = await owner.phone.post(`/goals/${goal.id}/complete`).expect(409);
    expect(again.headers['content-type']).toMatch(PROBLEM);
    expect(again.body).toMatchObject({
      status: 409,
      type: expect.stringMatching(/goal-not-active$/),
    });

    const second = (await owner.phone.post('/goals', consistency).expect(201)).body;
    await owner.phone.put(`/goals/${second.id}`, { status: 'abandoned' }).expect(200);
    await owner.phone.post(`/goals/${second.id}/complete`).expect(409);

    const analytics = (await owner.phone.get('/goals/analytics').expect(200)).body;
    expect(analytics).toMatchObject({
      total: 2,
      byStatus: { active: 0, achieved: 1, abandoned: 1 },
      byType: { strength: 0, body: 0, consistency: 2 },
      achievementRate: 0.5,
    });
    expect(analytics.averageDaysToAchieve).toBe(0);

    await owner.phone.delete(`/goals/${second.id}`).expect(204);
    await owner.phone.get(`/goals/${second.id}`).expect(404);
  });
});
