import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiClient, registerClient } from './support/api-client';
import {
  BENCH_PRESS,
  completedWorkout,
  libraryExerciseIds,
  setPreferences,
} from './support/fixtures';
import { domainEventsSettled, publishedEventsOf } from './support/domain-events';
import { errorFields, PROBLEM } from './support/problem';
import { eventually, startApi, startWorker, TestApi } from './support/test-app';

type Body = Record<string, unknown>;
interface RecordBody {
  exerciseId: string;
  kind: string;
  value: number;
  previousValue: number | null;
  current: boolean;
  achievedAt: string;
}

const LOS_ANGELES = 'America/Los_Angeles';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The e2e for sessions logged after the fact: docs/workouts.md, "Sessions held earlier". */
describe('workouts logged after the fact (e2e)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let db: DataSource;
  let ex: { bench: string; squat: string };

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker(api.config);
    db = api.app.get(DataSource);
    ex = await libraryExerciseIds(db, { bench: BENCH_PRESS, squat: 'Barbell_Squat' });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  /** An instant `ms` ago, as the API takes it. */
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

  /** A completed session with one exercise's sets, held from `start` for an hour. */
  function logged(
    client: ApiClient,
    start: string,
    exerciseId: string,
    sets: { weight: number; reps: number }[],
  ) {
    const end = new Date(Date.parse(start) + HOUR).toISOString();
    return client.post('/workouts', {
      name: 'Logged later',
      startedAt: start,
      completedAt: end,
      exercises: [{ exerciseId, sets }],
    });
  }

  function records(workout: Body): [string, string, number, number | null, boolean][] {
    return (workout.personalRecords as RecordBody[])
      .map((r): [string, string, number, number | null, boolean] => [
        r.exerciseId === ex.bench ? 'bench' : 'squat',
        r.kind,
        r.value,
        r.previousValue,
        r.current,
      ])
      .sort();
  }

  it('counts a session logged for last Tuesday in last week, in the lifter’s time zone', async () => {
    const { client: phone } = await registerClient(api.http);
    await setPreferences(phone, { timeZone: LOS_ANGELES });
    // Tuesday of last week, 21:00 in Los Angeles: already Wednesday in UTC.
    const [{ lastWeek, tuesday, start }] = await db.query(
      `WITH week AS (SELECT date_trunc('week', now() AT TIME ZONE $1)::date AS monday)
       SELECT (monday - 7)::text AS "lastWeek", (monday - 6)::text AS tuesday,
              ((monday - 6) + time '21:00') AT TIME ZONE $1 AS start
         FROM week`,
      [LOS_ANGELES],
    );
    const startedAt = (start as Date).toISOString();
    expect(startedAt.slice(0, 10)).not.toBe(tuesday);

    const created = await phone
      .post('/workouts', {
        name: 'Tuesday bench',
        startedAt,
        completedAt: new Date((start as Date).getTime() + 75 * 60_000).toISOString(),
        exercises: [
          {
            exerciseId: ex.bench,
            sets: [
              { weight: 60, reps: 10, setType: 'warm_up' },
              { weight: 100, reps: 5 },
              { weight: 100, reps: 5, rpe: 9 },
            ],
          },
        ],
      })
      .expect(201);
    expect(created.headers.location).toBe(`/api/v1/workouts/${created.body.id}`);
    expect(created.body).toMatchObject({
      status: 'completed',
      startedAt,
      sessionAt: startedAt,
      durationSeconds: 75 * 60,
      totalVolume: 1000,
      totalSets: 2,
      totalReps: 10,
    });
    // Its sets are dated within the session, not at the moment they were sent.
    const [{ outside }] = await db.query(
      `SELECT count(*)::int AS outside FROM workout_sets s JOIN workouts w ON w.id = s.workout_id
        WHERE w.id = $1 AND NOT (s.completed_at BETWEEN w.started_at AND w.completed_at)`,
      [created.body.id],
    );
    expect(outside).toBe(0);

    const volume = (await phone.get('/progress/volume', { weeks: 2 }).expect(200)).body;
    expect(volume.weeks).toEqual([
      { weekStart: lastWeek, workouts: 1, sets: 2, volume: 1000 },
      expect.objectContaining({ workouts: 0, volume: 0 }),
    ]);
    const analytics = (await phone.get('/progress/analytics', { weeks: 2 }).expect(200)).body;
    // Last week had a workout: a week in progress does not break the run; no day streak now.
    expect(analytics.streaks).toEqual({
      weeks: { current: 1, longest: 1 },
      days: { current: 0, longest: 1 },
    });
    // In the history by its real date, behind a session held since.
    const today = (await phone.post('/workouts', { startedAt: ago(60_000) }).expect(201)).body;
    const history = (await phone.get('/workouts').expect(200)).body.items as Body[];
    expect(history.map((w) => w.id)).toEqual([today.id, created.body.id]);
  });

  it('keeps records in the order the sessions were held: a past record below a later one is not current', async () => {
    const { client: phone } = await registerClient(api.http);
    // Today: bench 100×5, the first bench session, so records of every kind.
    const todays = await completedWorkout(phone, [{ exerciseId: ex.bench, weight: 100, reps: 5 }]);
    expect(records(todays)).toEqual([
      ['bench', 'best_e1rm', 112.5, null, true],
      ['bench', 'best_set_volume', 500, null, true],
      ['bench', 'max_weight', 100, null, true],
    ]);

    // Logged now for last week: 90×5 was a first then (records), but not the current best.
    const lastWeek = (
      await logged(phone, ago(7 * DAY), ex.bench, [{ weight: 90, reps: 5 }]).expect(201)
    ).body;
    expect(records(lastWeek)).toEqual([
      ['bench', 'best_e1rm', 101.25, null, false],
      ['bench', 'best_set_volume', 450, null, false],
      ['bench', 'max_weight', 90, null, false],
    ]);
    // Today's records now beat last week's: still records, measured against it.
    const restated = (await phone.get(`/workouts/${todays.id}`).expect(200)).body;
    expect(records(restated)).toEqual([
      ['bench', 'best_e1rm', 112.5, 101.25, true],
      ['bench', 'best_set_volume', 500, 450, true],
      ['bench', 'max_weight', 100, 90, true],
    ]);

    // Logged for three days ago, heavier than today: the records of that day are the current
    // heaviest and best e1RM; today's 100 kg was never a weight record after all.
    const heavy = (
      await logged(phone, ago(3 * DAY), ex.bench, [{ weight: 110, reps: 3 }]).expect(201)
    ).body;
    expect(records(heavy)).toEqual([
      ['bench', 'best_e1rm', 116.47, 101.25, true],
      ['bench', 'max_weight', 110, 90, true],
    ]);
    const after = (await phone.get(`/workouts/${todays.id}`).expect(200)).body;
    expect(records(after)).toEqual([['bench', 'best_set_volume', 500, 450, true]]);

    // Only the new sessions' own records were announced; restatements are not news.
    const announced = (await publishedEventsOf(db, await userIdOf(todays.id as string)))
      .filter((event) => event.name === 'personal-record.set')
      .map((event) => (event.payload as { workoutId: string }).workoutId);
    expect(announced.filter((id) => id === todays.id)).toHaveLength(3);
    expect(announced.filter((id) => id === lastWeek.id)).toHaveLength(3);
    expect(announced.filter((id) => id === heavy.id)).toHaveLength(2);

    // Deleting the heavy session gives today its weight and e1RM records back.
    await phone.delete(`/workouts/${heavy.id}`).expect(204);
    expect(records((await phone.get(`/workouts/${todays.id}`).expect(200)).body)).toEqual([
      ['bench', 'best_e1rm', 112.5, 101.25, true],
      ['bench', 'best_set_volume', 500, 450, true],
      ['bench', 'max_weight', 100, 90, true],
    ]);
  });

  async function userIdOf(workoutId: string): Promise<string> {
    const [{ userId }] = await db.query('SELECT user_id AS "userId" FROM workouts WHERE id = $1', [
      workoutId,
    ]);
    return userId as string;
  }

  it('completes a template session after the fact and moves a completed one in time', async () => {
    const { client: phone } = await registerClient(api.http);
    const template = (
      await phone
        .post('/templates', {
          name: 'Squat day',
          goal: 'strength',
          level: 'beginner',
          days: [
            {
              name: 'A',
              exercises: [{ exerciseId: ex.squat, sets: [{ repsMin: 5, weightKg: 100 }] }],
            },
          ],
        })
        .expect(201)
    ).body;
    // Started on paper two days ago: created in progress from then, sets filled now.
    const startedAt = ago(2 * DAY);
    const session = (
      await phone.post('/workouts', { templateId: template.id, startedAt }).expect(201)
    ).body;
    expect(session).toMatchObject({ status: 'in_progress', startedAt, sessionAt: startedAt });
    const [planned] = (session.exercises as { sets: { id: string }[] }[])[0].sets;
    await phone
      .put(`/workouts/${session.id}/exercises/${ex.squat}/sets/${planned.id}`, {
        weight: 100,
        reps: 5,
        completed: true,
      })
      .expect(200);
    const completedAt = new Date(Date.parse(startedAt) + 50 * 60_000).toISOString();
    const done = (await phone.post(`/workouts/${session.id}/complete`, { completedAt }).expect(200))
      .body;
    expect(done).toMatchObject({ status: 'completed', completedAt, durationSeconds: 3000 });
    const [set] = (done.exercises as { sets: { completedAt: string }[] }[])[0].sets;
    expect(set.completedAt).toBe(completedAt);

    // Moved a day earlier: the history, the duration and the records follow, and goals hear it.
    const newStart = ago(3 * DAY);
    const newEnd = new Date(Date.parse(newStart) + HOUR).toISOString();
    const moved = (
      await phone
        .put(`/workouts/${session.id}`, {
          version: done.version,
          startedAt: newStart,
          completedAt: newEnd,
        })
        .expect(200)
    ).body;
    expect(moved).toMatchObject({
      startedAt: newStart,
      sessionAt: newStart,
      completedAt: newEnd,
      durationSeconds: 3600,
      version: done.version + 1,
    });
    expect((moved.personalRecords as RecordBody[]).map((r) => r.achievedAt)).toEqual(
      (moved.personalRecords as RecordBody[]).map(() => newEnd),
    );
    const [movedSet] = (moved.exercises as { sets: { completedAt: string }[] }[])[0].sets;
    expect(Date.parse(movedSet.completedAt)).toBeGreaterThanOrEqual(Date.parse(newStart));
    expect(Date.parse(movedSet.completedAt)).toBeLessThanOrEqual(Date.parse(newEnd));
    const events = await publishedEventsOf(db, await userIdOf(session.id));
    expect(events.find((event) => event.name === 'workout.redated')?.payload).toEqual({
      userId: await userIdOf(session.id),
      workoutId: session.id,
      sessionAt: newStart,
      completedAt: newEnd,
      previousSessionAt: startedAt,
      previousCompletedAt: completedAt,
    });
    // The same dates again change nothing.
    await phone
      .put(`/workouts/${session.id}`, { version: moved.version, startedAt: newStart })
      .expect(200)
      .expect((res) => expect(res.body.version).toBe(moved.version));
  });

  it('dates goal progress by the session: a lift from before the goal is history, one since then moves it', async () => {
    const { client: phone } = await registerClient(api.http);
    await completedWorkout(phone, [{ exerciseId: ex.bench, weight: 100, reps: 1 }]);
    const goal = (
      await phone
        .post('/goals', {
          type: 'strength',
          metric: 'weight',
          exerciseId: ex.bench,
          target: 120,
          title: 'Bench 120',
        })
        .expect(201)
    ).body;
    // The goal was set ten days ago.
    await db.query(`UPDATE goals SET created_at = now() - interval '10 days' WHERE id = $1`, [
      goal.id,
    ]);
    await domainEventsSettled(worker);

    // Logged now: 115 kg twenty days ago, before the goal: not progress towards it.
    await logged(phone, ago(20 * DAY), ex.bench, [{ weight: 115, reps: 1 }]).expect(201);
    await domainEventsSettled(worker);
    expect((await phone.get(`/goals/${goal.id}/progress`).expect(200)).body).toMatchObject({
      current: 100,
      percent: 0,
    });

    // 110 kg five days ago, since the goal: halfway, and the milestone is dated that day.
    const fiveDaysAgo = ago(5 * DAY);
    await logged(phone, fiveDaysAgo, ex.bench, [{ weight: 110, reps: 1 }]).expect(201);
    const progress = await eventually(async () => {
      const res = await phone.get(`/goals/${goal.id}/progress`).expect(200);
      return res.body.percent === 50 ? (res.body as Body) : undefined;
    });
    expect(progress.milestones).toEqual([
      expect.objectContaining({
        percent: 25,
        reachedAt: new Date(Date.parse(fiveDaysAgo) + HOUR).toISOString(),
      }),
      expect.objectContaining({
        percent: 50,
        reachedAt: new Date(Date.parse(fiveDaysAgo) + HOUR).toISOString(),
      }),
    ]);
  });

  describe('validation', () => {
    let phone: ApiClient;
    let running: string;
    let closed: Body;
    let planned: string;

    beforeAll(async () => {
      ({ client: phone } = await registerClient(api.http));
      // Started on paper 14 hours ago, still open.
      running = (await phone.post('/workouts', { startedAt: ago(14 * HOUR) }).expect(201)).body.id;
      planned = (await phone.post('/workouts', {}).expect(201)).body.id;
      closed = (await logged(phone, ago(2 * DAY), ex.bench, [{ weight: 50, reps: 5 }]).expect(201))
        .body;
    });

    const ISO = (ms: number) => new Date(Date.now() + ms).toISOString();

    it.each([
      ['a start in the future', () => ({ startedAt: ISO(HOUR) }), 'startedAt'],
      [
        'an end in the future',
        () => ({ startedAt: ISO(-HOUR), completedAt: ISO(HOUR) }),
        'completedAt',
      ],
      [
        'an end before the start',
        () => ({ startedAt: ISO(-HOUR), completedAt: ISO(-2 * HOUR) }),
        'completedAt',
      ],
      [
        'a 13-hour session',
        () => ({ startedAt: ISO(-14 * HOUR), completedAt: ISO(-HOUR) }),
        'completedAt',
      ],
      ['an end without a start', () => ({ completedAt: ISO(-HOUR) }), 'completedAt'],
      ['a start before 2000', () => ({ startedAt: '1999-12-31T23:00:00Z' }), 'startedAt'],
      ['a start that is no date', () => ({ startedAt: 'last tuesday' }), 'startedAt'],
      [
        'an end with a template',
        () => ({
          templateId: '00000000-0000-4000-8000-000000000000',
          startedAt: ISO(-2 * HOUR),
          completedAt: ISO(-HOUR),
        }),
        'completedAt',
      ],
    ])('refuses to create a session with %s as a field-level 400', async (_label, body, field) => {
      const res = await phone.post('/workouts', body()).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(errorFields(res)).toEqual([field]);
    });

    it('refuses logged content that is not usable, repeated or too heavy', async () => {
      const res = await phone
        .post('/workouts', {
          startedAt: ISO(-2 * HOUR),
          completedAt: ISO(-HOUR),
          exercises: [
            { exerciseId: '00000000-0000-4000-8000-000000000000', sets: [] },
            { exerciseId: ex.bench, sets: [{ weight: 1200, reps: 1 }] },
            { exerciseId: ex.bench, sets: [] },
          ],
        })
        .expect(400);
      expect(errorFields(res)).toEqual([
        'exercises.0.exerciseId',
        'exercises.1.sets.0.weight',
        'exercises.2.exerciseId',
      ]);
      const shape = await phone
        .post('/workouts', {
          startedAt: ISO(-HOUR),
          exercises: [{ exerciseId: ex.bench, sets: [{ reps: -1 }] }],
        })
        .expect(400);
      expect(errorFields(shape)).toEqual(['exercises.0.sets.0.reps']);
    });

    it.each([
      ['before its start', () => ISO(-15 * HOUR), 'completedAt must be after startedAt'],
      ['13½ hours after its start', () => ISO(-HOUR / 2), 'a session lasts at most 12 hours'],
      ['in the future', () => ISO(HOUR), 'completedAt must not be in the future'],
    ])('refuses to complete a session %s', async (_label, completedAt, message) => {
      const res = await phone
        .post(`/workouts/${running}/complete`, { completedAt: completedAt() })
        .expect(400);
      expect(errorFields(res)).toEqual(['completedAt']);
      expect(res.body.errors[0].messages[0]).toContain(message);
    });

    it('refuses dates a workout cannot take', async () => {
      const version = async (id: string) =>
        (await phone.get(`/workouts/${id}`).expect(200)).body.version;
      const onPlanned = await phone
        .put(`/workouts/${planned}`, { version: await version(planned), startedAt: ISO(-HOUR) })
        .expect(400);
      expect(errorFields(onPlanned)).toEqual(['startedAt']);
      const endOfRunning = await phone
        .put(`/workouts/${running}`, { version: await version(running), completedAt: ISO(-60_000) })
        .expect(400);
      expect(errorFields(endOfRunning)).toEqual(['completedAt']);
      const endBeforeStart = await phone
        .put(`/workouts/${closed.id}`, { version: closed.version, completedAt: ISO(-3 * DAY) })
        .expect(400);
      expect(endBeforeStart.body.errors).toEqual([
        { field: 'completedAt', messages: ['completedAt must be after startedAt'] },
      ]);
      const tooLong = await phone
        .put(`/workouts/${closed.id}`, { version: closed.version, startedAt: ISO(-3 * DAY) })
        .expect(400);
      expect(errorFields(tooLong)).toEqual(['startedAt']);
      // A completed session cannot be completed again, whatever the date.
      await phone.post(`/workouts/${closed.id}/complete`, { completedAt: ISO(-HOUR) }).expect(409);
    });
  });
});
