import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiClient, apiClient, registerClient } from './support/api-client';
import {
  BENCH_PRESS,
  completedWorkout,
  libraryExerciseIds,
  setPreferences,
} from './support/fixtures';
import { errorFields, PROBLEM } from './support/problem';
import { startApi, TestApi, TestUser } from './support/test-app';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

type Body = Record<string, unknown>;
interface SetBody {
  id: string;
  position: number;
  setType: string;
  weight: number | null;
  reps: number | null;
  completed: boolean;
  plannedWeight: number | null;
  e1rm: number | null;
}
interface ExerciseBody {
  exerciseId: string;
  exerciseName: string;
  position: number;
  sets: SetBody[];
}
interface RecordBody {
  exerciseId: string;
  kind: string;
  value: number;
  previousValue: number | null;
  weight: number;
  reps: number;
}

/** The library's exercises used here, by slug. */
const SLUGS = {
  bench: BENCH_PRESS,
  squat: 'Barbell_Squat',
  pullup: 'Pullups',
  deadlift: 'Barbell_Deadlift',
} as const;

describe('workouts (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let ex: Record<keyof typeof SLUGS, string>;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    ex = await libraryExerciseIds(db, SLUGS);
  });
  afterAll(() => api.close());

  /** A second signed-in device of the same user. */
  async function secondDevice(user: TestUser): Promise<ApiClient> {
    const login = await request(api.http)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password })
      .expect(200);
    return apiClient(api.http, login.body);
  }

  /** Moves a workout timestamp into the past: how the tests control durations without sleeping. */
  async function backdate(workoutId: string, column: 'started_at' | 'paused_at', seconds: number) {
    await db.query(
      `UPDATE workouts SET ${column} = ${column} - make_interval(secs => $2) WHERE id = $1`,
      [workoutId, seconds],
    );
  }

  function exerciseOf(workout: Body, exerciseId: string): ExerciseBody {
    return (workout.exercises as ExerciseBody[]).find((e) => e.exerciseId === exerciseId)!;
  }

  async function recordCount(workoutId: string): Promise<number> {
    const [{ n }] = await db.query(
      'SELECT count(*)::int AS n FROM personal_records WHERE workout_id = $1',
      [workoutId],
    );
    return n as number;
  }

  it('runs a full training day: template, two devices, pauses, completion with duration, volume and records', async () => {
    const { user, client: phone } = await registerClient(api.http);
    const watch = await secondDevice(user);

    // History. Bench 100×5 (e1RM 100·36/32 = 112.5) and 90×8 (volume 720); squat 140×5;
    // pull-ups 10 reps at body weight.
    const earlier = await completedWorkout(phone, [
      { exerciseId: ex.bench, weight: 100, reps: 5 },
      { exerciseId: ex.bench, weight: 90, reps: 8 },
      { exerciseId: ex.squat, weight: 140, reps: 5 },
      { exerciseId: ex.pullup, reps: 10 },
    ]);
    // A first session sets the first records of its kinds (no rep records: nothing to beat).
    expect(
      (earlier.personalRecords as RecordBody[]).map((r) => [r.exerciseId, r.kind, r.value]).sort(),
    ).toEqual(
      [
        [ex.bench, 'max_weight', 100],
        [ex.bench, 'best_e1rm', 112.5],
        [ex.bench, 'best_set_volume', 720],
        [ex.squat, 'max_weight', 140],
        [ex.squat, 'best_e1rm', 157.5],
        [ex.squat, 'best_set_volume', 700],
      ].sort(),
    );

    const template = (
      await phone
        .post('/templates', {
          name: 'Upper Lower',
          goal: 'strength',
          level: 'intermediate',
          days: [
            {
              name: 'Push',
              exercises: [
                {
                  exerciseId: ex.bench,
                  sets: [
                    { type: 'warm_up', repsMin: 10, weightKg: 40, restSeconds: 60 },
                    { repsMin: 5, repsMax: 8, percentE1rm: 75, rpeTarget: 8, restSeconds: 180 },
                    { repsMin: 5, repsMax: 8, percentE1rm: 75, rpeTarget: 8, restSeconds: 180 },
                  ],
                },
                {
                  exerciseId: ex.squat,
                  sets: [
                    { repsMin: 5, weightKg: 140, restSeconds: 180 },
                    { repsMin: 5, weightKg: 140, restSeconds: 180 },
                  ],
                },
                { exerciseId: ex.pullup, sets: [{ repsMin: 8, repsMax: 12, restSeconds: 90 }] },
              ],
            },
            {
              name: 'Pull',
              exercises: [{ exerciseId: ex.deadlift, sets: [{ repsMin: 5, weightKg: 180 }] }],
            },
          ],
        })
        .expect(201)
    ).body;

    // From the template: planned sets, %e1RM loads = 75% of 112.5 = 84.375 → 85 (2.5 kg plates).
    const created = await phone.post('/workouts', { templateId: template.id }).expect(201);
    const id = created.body.id as string;
    expect(created.headers.location).toBe(`/api/v1/workouts/${id}`);
    expect(created.body).toMatchObject({
      name: 'Upper Lower: Push',
      status: 'planned',
      templateId: template.id,
      templateDayIndex: 0,
      version: 1,
      weightUnit: 'kg',
    });
    expect((created.body.exercises as ExerciseBody[]).map((e) => e.exerciseId)).toEqual([
      ex.bench,
      ex.squat,
      ex.pullup,
    ]);
    const bench = exerciseOf(created.body, ex.bench).sets;
    expect(bench.map((s) => [s.setType, s.plannedWeight, s.completed, s.weight])).toEqual([
      ['warm_up', 40, false, null],
      ['normal', 85, false, null],
      ['normal', 85, false, null],
    ]);
    const [squat1] = exerciseOf(created.body, ex.squat).sets;
    const [pullup1] = exerciseOf(created.body, ex.pullup).sets;
    expect((await phone.get(`/templates/${template.id}`).expect(200)).body.useCount).toBe(1);

    // Start, then pretend it began an hour ago.
    await phone.post(`/workouts/${id}/start`).expect(200);
    await backdate(id, 'started_at', 3600);

    const sets = `/workouts/${id}/exercises`;
    await phone
      .put(`${sets}/${ex.bench}/sets/${bench[0].id}`, { weight: 40, reps: 10, completed: true })
      .expect(200);
    await phone
      .put(`${sets}/${ex.bench}/sets/${bench[1].id}`, {
        weight: 105,
        reps: 3,
        rpe: 9,
        completed: true,
      })
      .expect(200);

    // A 10-minute pause (plus the real seconds between the pause and the resume, which a
    // loaded machine can make more than one).
    let pausedAt = Date.now();
    await phone.post(`/workouts/${id}/pause`).expect(200);
    await backdate(id, 'paused_at', 600);
    const resumed = await watch.post(`/workouts/${id}/resume`).expect(200);
    const firstPause = resumed.body.pausedSeconds as number;
    expect(resumed.body).toMatchObject({ status: 'in_progress', pausedAt: null });
    expect(firstPause).toBeGreaterThanOrEqual(600);
    expect(firstPause).toBeLessThanOrEqual(600 + Math.ceil((Date.now() - pausedAt) / 1000));

    await phone
      .put(`${sets}/${ex.bench}/sets/${bench[2].id}`, { weight: 85, reps: 8, completed: true })
      .expect(200);

    // Phone and watch log a set each at the same instant: both land, at distinct positions.
    const [fromPhone, fromWatch] = await Promise.all([
      phone.post(`${sets}/${ex.bench}/sets`, { weight: 90, reps: 9 }),
      watch.post(`${sets}/${ex.bench}/sets`, { weight: 100, reps: 4 }),
    ]);
    expect([fromPhone.status, fromWatch.status]).toEqual([201, 201]);
    expect([fromPhone.body.position, fromWatch.body.position].sort()).toEqual([3, 4]);
    expect(fromPhone.body.workoutVersion).not.toBe(fromWatch.body.workoutVersion);
    expect(fromPhone.body).toMatchObject({ exerciseId: ex.bench, completed: true, e1rm: 115.71 });

    await watch
      .put(`${sets}/${ex.squat}/sets/${squat1.id}`, { weight: 140, reps: 5, completed: true })
      .expect(200);
    await watch
      .put(`${sets}/${ex.pullup}/sets/${pullup1.id}`, { reps: 12, completed: true })
      .expect(200);

    // A 2-minute pause still open at completion counts as paused too.
    pausedAt = Date.now();
    await phone.post(`/workouts/${id}/pause`).expect(200);
    await backdate(id, 'paused_at', 120);
    const completed = (await phone.post(`/workouts/${id}/complete`).expect(200)).body;
    const pausedSeconds = completed.pausedSeconds as number;
    expect(pausedSeconds).toBeGreaterThanOrEqual(firstPause + 120);
    expect(pausedSeconds).toBeLessThanOrEqual(
      firstPause + 120 + Math.ceil((Date.now() - pausedAt) / 1000),
    );

    // Duration: (completed − started) − (600 + 120) paused. started_at was moved an hour back,
    // so it is 3600 − 720 = 2880 plus the few real seconds the test took.
    const elapsed = Math.round(
      (Date.parse(completed.completedAt) - Date.parse(completed.startedAt)) / 1000,
    );
    expect(completed.durationSeconds).toBe(elapsed - pausedSeconds);
    expect(completed.durationSeconds).toBeGreaterThanOrEqual(2880);
    expect(completed.durationSeconds).toBeLessThan(2880 + 60);
    // Volume of completed working sets: bench 105·3 + 85·8 + 90·9 + 100·4 = 2205, squat
    // 140·5 = 700, pull-ups 0; the warm-up and the second squat set (not done) do not count.
    expect(completed).toMatchObject({
      status: 'completed',
      pausedAt: null,
      totalVolume: 2905,
      totalSets: 6,
      totalReps: 41,
    });

    // Records against the earlier session: bench heaviest 105 (> 100), e1RM of 90×9 =
    // 90·36/28 = 115.71 (> 112.5), set volume 810 (> 720), 9 reps at 90 (> 8); pull-ups 12 reps
    // at body weight (> 10). The squat only equals its bests: no record.
    const records = (completed.personalRecords as RecordBody[])
      .map((r) => [r.exerciseId, r.kind, r.value, r.previousValue, r.weight, r.reps])
      .sort();
    expect(records).toEqual(
      [
        [ex.bench, 'max_weight', 105, 100, 105, 3],
        [ex.bench, 'best_e1rm', 115.71, 112.5, 90, 9],
        [ex.bench, 'best_set_volume', 810, 720, 90, 9],
        [ex.bench, 'most_reps_at_weight', 9, 8, 90, 9],
        [ex.pullup, 'most_reps_at_weight', 12, 10, 0, 12],
      ].sort(),
    );
    expect(await recordCount(id)).toBe(5);

    // Stored, not just answered.
    const [row] = await db.query(
      'SELECT total_volume_kg, total_sets, total_reps, duration_seconds FROM workouts WHERE id = $1',
      [id],
    );
    expect(row).toEqual({
      total_volume_kg: '2905.000',
      total_sets: 6,
      total_reps: 41,
      duration_seconds: completed.durationSeconds,
    });
    expect((await phone.get(`/workouts/${id}`).expect(200)).body).toEqual(completed);
  });

  it('counts a completion once: a repeat is a 409, and of many at once one wins', async () => {
    const { client: phone } = await registerClient(api.http);
    const done = await completedWorkout(phone, [{ exerciseId: ex.bench, weight: 60, reps: 5 }]);
    expect(await recordCount(done.id as string)).toBe(3);

    const again = await phone.post(`/workouts/${done.id}/complete`).expect(409);
    expect(again.body).toMatchObject({
      type: 'urn:fitai:problem:illegal-transition',
      status: 409,
      workoutStatus: 'completed',
      action: 'complete',
      allowedActions: [],
    });
    expect(await recordCount(done.id as string)).toBe(3);
    expect((await phone.get(`/workouts/${done.id}`).expect(200)).body.totalVolume).toBe(300);

    // More at once than the database pool has connections: the losers, waiting on the
    // workout's lock, hold the others, so the winner must answer within its own transaction.
    const racing = (await phone.post('/workouts', {}).expect(201)).body;
    await phone.post(`/workouts/${racing.id}/exercises`, { exerciseId: ex.bench }).expect(201);
    await phone.post(`/workouts/${racing.id}/start`).expect(200);
    const attempts = api.config.database.poolSize * 2;
    const statuses = await Promise.all(
      Array.from({ length: attempts }, () => phone.post(`/workouts/${racing.id}/complete`)),
    ).then((answers) => answers.map((res) => res.status).sort());
    expect(statuses).toEqual([200, ...Array(attempts - 1).fill(409)]);
  });

  it('answers an edit based on a stale version with 409 and the current workout', async () => {
    const { client: phone } = await registerClient(api.http);
    const workout = (await phone.post('/workouts', { name: 'Offline' }).expect(201)).body;
    await phone.post(`/workouts/${workout.id}/exercises`, { exerciseId: ex.squat }).expect(201);
    const logged = (
      await phone
        .post(`/workouts/${workout.id}/exercises/${ex.squat}/sets`, { weight: 100, reps: 5 })
        .expect(201)
    ).body;
    expect(logged.workoutVersion).toBe(3);

    const stale = await phone
      .put(`/workouts/${workout.id}`, { version: 1, name: 'Renamed offline' })
      .expect(409);
    expect(stale.headers['content-type']).toMatch(PROBLEM);
    expect(stale.body).toMatchObject({
      type: 'urn:fitai:problem:version-conflict',
      current: { id: workout.id, name: 'Offline', version: 3 },
    });
    expect(stale.body.current.exercises[0].sets[0]).toMatchObject({ weight: 100, reps: 5 });

    const staleSet = await phone
      .put(`/workouts/${workout.id}/exercises/${ex.squat}/sets/${logged.id}`, {
        version: 2,
        reps: 6,
      })
      .expect(409);
    expect(staleSet.body.current.version).toBe(3);

    // Reconciled: based on the current version, both land.
    const renamed = await phone
      .put(`/workouts/${workout.id}`, { version: 3, name: 'Renamed' })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'Renamed', version: 4 });
    const edited = await phone
      .put(`/workouts/${workout.id}/exercises/${ex.squat}/sets/${logged.id}`, {
        version: 4,
        reps: 6,
        rir: 2,
      })
      .expect(200);
    expect(edited.body).toMatchObject({
      reps: 6,
      rir: 2,
      rpe: null,
      weight: 100,
      workoutVersion: 5,
    });
  });

  it('answers illegal transitions and changes to a closed workout with 409', async () => {
    const { client: phone } = await registerClient(api.http);
    const id = (await phone.post('/workouts', {}).expect(201)).body.id as string;
    const expectIllegal = async (action: string, status: string) => {
      const res = await phone.post(`/workouts/${id}/${action}`).expect(409);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body).toMatchObject({
        type: 'urn:fitai:problem:illegal-transition',
        status: 409,
        workoutStatus: status,
        action,
        current: { id, status },
      });
    };
    await expectIllegal('complete', 'planned');
    await expectIllegal('pause', 'planned');
    await expectIllegal('resume', 'planned');
    await phone.post(`/workouts/${id}/start`).expect(200);
    await expectIllegal('resume', 'in_progress');
    await expectIllegal('start', 'in_progress');
    await phone.post(`/workouts/${id}/pause`).expect(200);
    await expectIllegal('pause', 'paused');
    const done = (await phone.post(`/workouts/${id}/complete`).expect(200)).body;
    await expectIllegal('start', 'completed');
    await expectIllegal('abandon', 'completed');

    const closed = await phone
      .post(`/workouts/${id}/exercises`, { exerciseId: ex.bench })
      .expect(409);
    expect(closed.body).toMatchObject({
      type: 'urn:fitai:problem:workout-closed',
      current: { status: 'completed' },
    });
    // Name and notes remain editable after completion.
    await phone.put(`/workouts/${id}`, { version: done.version, notes: 'Good one' }).expect(200);

    const abandoned = (await phone.post('/workouts', {}).expect(201)).body;
    const gone = await phone.post(`/workouts/${abandoned.id}/abandon`).expect(200);
    expect(gone.body).toMatchObject({ status: 'abandoned', durationSeconds: null });
    expect(gone.body.abandonedAt).toEqual(expect.any(String));
  });

  it("hides another user's workout: 404 on every route", async () => {
    const { client: owner } = await registerClient(api.http);
    const { client: other } = await registerClient(api.http);
    const workout = (await owner.post('/workouts', {}).expect(201)).body;
    await owner.post(`/workouts/${workout.id}/exercises`, { exerciseId: ex.bench }).expect(201);
    const set = (
      await owner
        .post(`/workouts/${workout.id}/exercises/${ex.bench}/sets`, { weight: 50, reps: 5 })
        .expect(201)
    ).body;
    const w = `/workouts/${workout.id}`;
    const s = `${w}/exercises/${ex.bench}/sets/${set.id}`;
    const attempts: [string, request.Test][] = [
      ['GET workout', other.get(w)],
      ['PUT workout', other.put(w, { version: 3, name: 'Mine now' })],
      ['DELETE workout', other.delete(w)],
      ...['start', 'pause', 'resume', 'complete', 'abandon'].map(
        (action): [string, request.Test] => [action, other.post(`${w}/${action}`)],
      ),
      ['POST exercise', other.post(`${w}/exercises`, { exerciseId: ex.squat })],
      ['PUT exercise', other.put(`${w}/exercises/${ex.bench}`, { notes: 'x' })],
      ['DELETE exercise', other.delete(`${w}/exercises/${ex.bench}`)],
      ['POST set', other.post(`${w}/exercises/${ex.bench}/sets`, { weight: 50, reps: 5 })],
      ['PUT set', other.put(s, { reps: 6 })],
      ['DELETE set', other.delete(s)],
    ];
    const statuses = await Promise.all(
      attempts.map(async ([route, attempt]) => [route, (await attempt).status]),
    );
    expect(statuses).toEqual(attempts.map(([route]) => [route, 404]));
    expect((await other.get('/workouts').expect(200)).body.items).toEqual([]);
    const untouched = (await owner.get(w).expect(200)).body;
    expect(untouched).toMatchObject({ status: 'planned', version: 3, name: 'Workout' });
    expect(untouched.exercises[0].sets).toHaveLength(1);
  });

  it('lets a pound user send and read pounds while kilograms are stored', async () => {
    const { client: phone } = await registerClient(api.http);
    await setPreferences(phone, { weightUnit: 'lb' });
    const workout = (await phone.post('/workouts', {}).expect(201)).body;
    expect(workout.weightUnit).toBe('lb');
    await phone.post(`/workouts/${workout.id}/exercises`, { exerciseId: ex.bench }).expect(201);
    await phone.post(`/workouts/${workout.id}/start`).expect(200);
    const set = (
      await phone
        .post(`/workouts/${workout.id}/exercises/${ex.bench}/sets`, { weight: 225, reps: 5 })
        .expect(201)
    ).body;
    // 225 lb = 102.058 kg; e1RM 102.058·36/32 = 114.82 kg = 253.13 lb.
    expect(set).toMatchObject({ weight: 225, e1rm: 253.13 });
    const [row] = await db.query('SELECT weight_kg, e1rm_kg FROM workout_sets WHERE id = $1', [
      set.id,
    ]);
    expect(row).toEqual({ weight_kg: '102.058', e1rm_kg: '114.82' });

    const done = (await phone.post(`/workouts/${workout.id}/complete`).expect(200)).body;
    expect(done.totalVolume).toBe(1125);
    expect(done.personalRecords).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'max_weight', value: 225 })]),
    );

    // 75% of 114.82 kg = 189.85 lb → 190 lb (5 lb plates), stored as 86.183 kg.
    const template = (
      await phone
        .post('/templates', {
          name: 'Bench focus',
          goal: 'strength',
          level: 'beginner',
          days: [
            {
              name: 'Bench',
              exercises: [{ exerciseId: ex.bench, sets: [{ repsMin: 5, percentE1rm: 75 }] }],
            },
          ],
        })
        .expect(201)
    ).body;
    const planned = (await phone.post('/workouts', { templateId: template.id }).expect(201)).body;
    const [plannedSet] = exerciseOf(planned, ex.bench).sets;
    expect(plannedSet.plannedWeight).toBe(190);
    const [stored] = await db.query('SELECT planned_weight_kg FROM workout_sets WHERE id = $1', [
      plannedSet.id,
    ]);
    expect(stored.planned_weight_kg).toBe('86.183');

    const tooHeavy = await phone
      .post(`/workouts/${planned.id}/exercises/${ex.bench}/sets`, { weight: 2300, reps: 1 })
      .expect(400);
    expect(tooHeavy.body.errors).toEqual([
      { field: 'weight', messages: ['weight must not be more than 2204.62 lb'] },
    ]);
  });

  it('lists the history newest first, by range and status, with stable cursors', async () => {
    const { client: phone } = await registerClient(api.http);
    const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T18:00:00.000Z`;
    const ids: Record<number, string> = {};
    for (const day of [1, 2, 3, 4, 5]) {
      ids[day] = (await phone.post('/workouts', { scheduledFor: at(day) }).expect(201)).body.id;
    }
    await phone.post(`/workouts/${ids[4]}/abandon`).expect(200);

    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = {
        from: at(2),
        to: at(5),
        limit: 2,
        ...(cursor ? { cursor } : {}),
      };
      const page: request.Response = await phone.get('/workouts', query).expect(200);
      pages.push(page.body.items.map((w: { id: string }) => w.id));
      cursor = page.body.meta.nextCursor;
    } while (cursor);
    expect(pages).toEqual([[ids[4], ids[3]], [ids[2]]]);

    const abandoned = await phone.get('/workouts', { status: 'abandoned' }).expect(200);
    expect(abandoned.body.items.map((w: { id: string }) => w.id)).toEqual([ids[4]]);
    const planned = await phone.get('/workouts', { status: 'planned', limit: 10 }).expect(200);
    expect(planned.body.items.map((w: { sessionAt: string }) => w.sessionAt)).toEqual([
      at(5),
      at(3),
      at(2),
      at(1),
    ]);

    // Rescheduling a planned workout moves it; starting one places it at its start.
    await phone.put(`/workouts/${ids[1]}`, { version: 1, scheduledFor: at(6) }).expect(200);
    const newest = await phone.get('/workouts', { limit: 1 }).expect(200);
    expect(newest.body.items[0].id).toBe(ids[1]);
  });

  it('keeps exercises in order: insert at a position, move, remove, once each', async () => {
    const { client: phone } = await registerClient(api.http);
    const id = (await phone.post('/workouts', {}).expect(201)).body.id as string;
    const order = async () =>
      ((await phone.get(`/workouts/${id}`).expect(200)).body.exercises as ExerciseBody[]).map(
        (e) => [e.exerciseId, e.position],
      );
    await phone.post(`/workouts/${id}/exercises`, { exerciseId: ex.squat }).expect(201);
    await phone.post(`/workouts/${id}/exercises`, { exerciseId: ex.bench }).expect(201);
    const first = await phone
      .post(`/workouts/${id}/exercises`, { exerciseId: ex.deadlift, position: 0, notes: 'Heavy' })
      .expect(201);
    expect(first.body).toMatchObject({ exerciseId: ex.deadlift, position: 0, notes: 'Heavy' });
    expect(await order()).toEqual([
      [ex.deadlift, 0],
      [ex.squat, 1],
      [ex.bench, 2],
    ]);

    const dup = await phone.post(`/workouts/${id}/exercises`, { exerciseId: ex.squat }).expect(409);
    expect(dup.body.type).toBe('urn:fitai:problem:exercise-already-in-workout');

    await phone.put(`/workouts/${id}/exercises/${ex.bench}`, { position: 0 }).expect(200);
    expect(await order()).toEqual([
      [ex.bench, 0],
      [ex.deadlift, 1],
      [ex.squat, 2],
    ]);
    const removed = await phone.delete(`/workouts/${id}/exercises/${ex.deadlift}`).expect(200);
    expect(
      (removed.body.exercises as ExerciseBody[]).map((e) => [e.exerciseId, e.position]),
    ).toEqual([
      [ex.bench, 0],
      [ex.squat, 1],
    ]);
    await phone.delete(`/workouts/${id}/exercises/${ex.deadlift}`).expect(404);

    const set = (
      await phone.post(`/workouts/${id}/exercises/${ex.bench}/sets`, { reps: 5 }).expect(201)
    ).body;
    const afterDelete = await phone
      .delete(`/workouts/${id}/exercises/${ex.bench}/sets/${set.id}`)
      .expect(200);
    expect(exerciseOf(afterDelete.body, ex.bench).sets).toEqual([]);

    await phone.delete(`/workouts/${id}`).expect(204);
    await phone.get(`/workouts/${id}`).expect(404);
  });

  describe('offline-safe logging (Idempotency-Key)', () => {
    /** A POST with an Idempotency-Key. */
    const withKey = (client: ApiClient, path: string, body: object, key: string) =>
      client.post(path, body).set('Idempotency-Key', key);

    it('logs a set once however often the device retries it, even after completion', async () => {
      const { client: phone } = await registerClient(api.http);
      const workout = (await phone.post('/workouts', {}).expect(201)).body;
      await phone.post(`/workouts/${workout.id}/exercises`, { exerciseId: ex.bench }).expect(201);
      await phone.post(`/workouts/${workout.id}/start`).expect(200);
      const sets = `/workouts/${workout.id}/exercises/${ex.bench}/sets`;

      const first = await withKey(phone, sets, { weight: 80, reps: 8 }, 'phone:set-1').expect(201);
      // The answer was lost; the retry lists the fields in another order.
      const retry = await withKey(phone, sets, { reps: 8, weight: 80 }, 'phone:set-1').expect(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(retry.headers.location).toBe(first.headers.location);
      expect(retry.body).toMatchObject({ id: first.body.id, weight: 80, reps: 8, position: 0 });

      // Twenty retries at once (more than the pool has connections): still one set.
      const storm = await Promise.all(
        Array.from({ length: 20 }, () =>
          withKey(phone, sets, { weight: 82.5, reps: 6 }, 'phone:set-2'),
        ),
      );
      expect(storm.map((res) => res.status).sort()).toEqual([...Array(19).fill(200), 201]);
      expect(new Set(storm.map((res) => res.body.id)).size).toBe(1);
      const logged = exerciseOf(
        (await phone.get(`/workouts/${workout.id}`).expect(200)).body,
        ex.bench,
      );
      expect(logged.sets.map((set) => [set.weight, set.reps])).toEqual([
        [80, 8],
        [82.5, 6],
      ]);

      // Completed meanwhile: a late retry still gets its set, not 409 workout-closed.
      await phone.post(`/workouts/${workout.id}/complete`).expect(200);
      const late = await withKey(phone, sets, { weight: 80, reps: 8 }, 'phone:set-1').expect(200);
      expect(late.body.id).toBe(first.body.id);
      // A new key is a new set, which a closed workout refuses.
      const fresh = await withKey(phone, sets, { weight: 80, reps: 8 }, 'phone:set-3').expect(409);
      expect(fresh.body.type).toBe('urn:fitai:problem:workout-closed');
      // The failed attempt did not burn its key: it is still free.
      const [{ n }] = await db.query(
        "SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'phone:set-3'",
      );
      expect(n).toBe(0);
    });

    it('refuses a key reused for another request, and answers 404 for a set deleted since', async () => {
      const { client: phone } = await registerClient(api.http);
      const workout = (await phone.post('/workouts', {}).expect(201)).body;
      const exercises = `/workouts/${workout.id}/exercises`;
      const added = await withKey(phone, exercises, { exerciseId: ex.bench }, 'add-bench').expect(
        201,
      );
      const again = await withKey(phone, exercises, { exerciseId: ex.bench }, 'add-bench').expect(
        200,
      );
      expect(again.body).toMatchObject({ exerciseId: ex.bench, position: 0 });
      expect(again.body.workoutVersion).toBe(added.body.workoutVersion);
      // Without a key, the same addition is the usual 409.
      await phone.post(exercises, { exerciseId: ex.bench }).expect(409);
      await phone.post(exercises, { exerciseId: ex.squat }).expect(201);

      const sets = `${exercises}/${ex.bench}/sets`;
      const set = (await withKey(phone, sets, { weight: 60, reps: 5 }, 'set-a').expect(201)).body;
      for (const [label, attempt] of [
        ['another body', withKey(phone, sets, { weight: 60, reps: 6 }, 'set-a')],
        [
          'another exercise',
          withKey(phone, `${exercises}/${ex.squat}/sets`, { weight: 60, reps: 5 }, 'set-a'),
        ],
        ['another route', withKey(phone, exercises, { exerciseId: ex.deadlift }, 'set-a')],
      ] as const) {
        const res = await attempt;
        expect([label, res.status, res.body.type]).toEqual([
          label,
          422,
          'urn:fitai:problem:idempotency-key-reused',
        ]);
      }
      const malformed = await withKey(
        phone,
        sets,
        { weight: 60, reps: 5 },
        'a key with spaces',
      ).expect(400);
      expect(errorFields(malformed)).toEqual(['Idempotency-Key']);

      await phone.delete(`${sets}/${set.id}`).expect(200);
      const gone = await withKey(phone, sets, { weight: 60, reps: 5 }, 'set-a').expect(404);
      expect(gone.body.detail).toMatch(/deleted/);
      expect(
        exerciseOf((await phone.get(`/workouts/${workout.id}`).expect(200)).body, ex.bench).sets,
      ).toEqual([]);
    });

    it('creates a workout once per key', async () => {
      const { client: phone } = await registerClient(api.http);
      const body = { name: 'Synced later', scheduledFor: '2026-12-01T18:00:00.000Z' };
      const answers = await Promise.all(
        [1, 2, 3].map(() => withKey(phone, '/workouts', body, 'sync-workout-1')),
      );
      expect(answers.map((res) => res.status).sort()).toEqual([200, 200, 201]);
      expect(new Set(answers.map((res) => res.body.id)).size).toBe(1);
      expect((await phone.get('/workouts').expect(200)).body.items).toHaveLength(1);
    });
  });

  describe('validation', () => {
    let phone: ApiClient;
    let workoutId: string;

    beforeAll(async () => {
      ({ client: phone } = await registerClient(api.http));
      workoutId = (await phone.post('/workouts', {}).expect(201)).body.id;
      await phone.post(`/workouts/${workoutId}/exercises`, { exerciseId: ex.bench }).expect(201);
    });

    it.each([
      ['1001 reps', { reps: 1001 }, 'reps'],
      ['an RPE off the half-point scale', { rpe: 7.3 }, 'rpe'],
      ['an RPE of 11', { rpe: 11 }, 'rpe'],
      ['RPE and RIR together', { rpe: 8, rir: 2 }, 'rir'],
      ['an RIR of 11', { rir: 11 }, 'rir'],
      ['a rest of two hours', { restSeconds: 7200 }, 'restSeconds'],
      ['a negative weight', { weight: -5, reps: 5 }, 'weight'],
      ['1200 kg', { weight: 1200, reps: 1 }, 'weight'],
      ['an unknown set type', { setType: 'giant' }, 'setType'],
      ['an unknown field', { tempo: '3-1-1' }, 'tempo'],
    ])('rejects a set with %s as a field-level 400', async (_label, body, field) => {
      const res = await phone
        .post(`/workouts/${workoutId}/exercises/${ex.bench}/sets`, body)
        .expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(errorFields(res)).toEqual([field]);
    });

    it.each([
      ['an unknown exercise', { exerciseId: NO_SUCH_ID }, 'exerciseId'],
      ['a malformed exercise id', { exerciseId: 'bench' }, 'exerciseId'],
    ])('rejects adding %s as a field-level 400', async (_label, body, field) => {
      const res = await phone.post(`/workouts/${workoutId}/exercises`, body).expect(400);
      expect(errorFields(res)).toEqual([field]);
    });

    it.each([
      ['an unknown template', { templateId: NO_SUCH_ID }, 'templateId'],
      ['a day without a template', { dayIndex: 1 }, 'dayIndex'],
      ['a schedule in two years', { scheduledFor: '2099-01-01T00:00:00Z' }, 'scheduledFor'],
      ['an empty name', { name: '  ' }, 'name'],
    ])('rejects creating a workout with %s as a field-level 400', async (_label, body, field) => {
      const res = await phone.post('/workouts', body).expect(400);
      expect(errorFields(res)).toEqual([field]);
    });

    it('rejects a template day the template does not have, and a PUT without version', async () => {
      const template = (
        await phone
          .post('/templates', {
            name: 'One day',
            goal: 'strength',
            level: 'beginner',
            days: [{ name: 'A', exercises: [{ exerciseId: ex.squat, sets: [{ repsMin: 5 }] }] }],
          })
          .expect(201)
      ).body;
      const day = await phone
        .post('/workouts', { templateId: template.id, dayIndex: 3 })
        .expect(400);
      expect(day.body.errors[0].field).toBe('dayIndex');
      const put = await phone.put(`/workouts/${workoutId}`, { name: 'x' }).expect(400);
      expect(put.body.errors[0].field).toBe('version');
      const range = await phone
        .get('/workouts', { from: '2026-03-05T00:00:00Z', to: '2026-03-01T00:00:00Z' })
        .expect(400);
      expect(range.body.errors[0].field).toBe('to');
    });
  });
});
