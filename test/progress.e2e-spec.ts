import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DataSource } from 'typeorm';
import { fromKilograms, WeightUnit } from '../src/common/units/weight-unit';
import { estimateOneRepMax } from '../src/modules/workouts/one-rep-max';
import { apiClient, Query } from './support/api-client';
import { BENCH_PRESS, libraryExerciseIds, setPreferences } from './support/fixtures';
import { PROBLEM } from './support/problem';
import { registerUser, startApi, TestApi, TestUser } from './support/test-app';

const BASE = '/api/v1/progress';
const NEW_YORK = 'America/New_York';

/** The library's exercises used here, by slug, with their muscles (from the seeded library). */
const SLUGS = {
  bench: BENCH_PRESS, // chest; shoulders, triceps
  squat: 'Barbell_Squat', // quadriceps; calves, glutes, hamstrings, lower back
  pullup: 'Pullups', // lats; biceps, middle back
} as const;
type ExerciseKey = keyof typeof SLUGS;

/** [weight kg (null: bodyweight), reps, set type, completed] */
type SetSpec = [number | null, number, ('warm_up' | 'normal' | 'drop' | 'failure')?, boolean?];

interface SessionSpec {
  /** The session's start, an instant. */
  at: string;
  status?: 'completed' | 'abandoned';
  exercises: Partial<Record<ExerciseKey, SetSpec[]>>;
}

function get(http: App, user: TestUser, path: string, query: Query) {
  return apiClient(http, user).get(`/progress${path}`, query);
}

describe('progress (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let ex: Record<ExerciseKey, string>;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    ex = await libraryExerciseIds(db, SLUGS);
  });
  afterAll(() => api.close());

  /**
   * Inserts finished sessions directly (exact timestamps, no clock): the rows the workouts
   * module writes, e1RM computed as it does. Sets complete a minute apart from the start.
   */
  async function seed(user: TestUser, sessions: SessionSpec[]): Promise<string[]> {
    const ids: string[] = [];
    for (const session of sessions) {
      const status = session.status ?? 'completed';
      const [{ id }]: { id: string }[] = await db.query(
        `INSERT INTO workouts (user_id, name, status, session_at, started_at, completed_at, abandoned_at)
         VALUES ($1, 'Seeded', $2::workout_status, $3, $3,
                 CASE WHEN $2 = 'completed' THEN $3::timestamptz + interval '1 hour' END,
                 CASE WHEN $2 = 'abandoned' THEN $3::timestamptz + interval '1 hour' END)
         RETURNING id`,
        [user.id, status, session.at],
      );
      ids.push(id);
      let minute = 0;
      for (const [position, [key, sets]] of Object.entries(session.exercises).entries()) {
        const exerciseId = ex[key as ExerciseKey];
        const [{ id: itemId }]: { id: string }[] = await db.query(
          `INSERT INTO workout_exercises (workout_id, exercise_id, position) VALUES ($1, $2, $3)
           RETURNING id`,
          [id, exerciseId, position],
        );
        for (const [setPosition, [weight, reps, type = 'normal', completed = true]] of (
          sets ?? []
        ).entries()) {
          minute += 1;
          const working = completed && type !== 'warm_up';
          await db.query(
            `INSERT INTO workout_sets (workout_exercise_id, user_id, workout_id, exercise_id,
                                       position, set_type, weight_kg, reps, completed,
                                       completed_at, e1rm_kg)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::boolean,
                     CASE WHEN $9 THEN $10::timestamptz + make_interval(mins => $11::int) END, $12)`,
            [
              itemId,
              user.id,
              id,
              exerciseId,
              setPosition,
              type,
              weight,
              reps,
              completed,
              session.at,
              minute,
              working ? estimateOneRepMax(weight, reps) : null,
            ],
          );
        }
      }
    }
    return ids;
  }

  /**
   * A lifter in New York (EDT until 1 Nov 2026, EST after). The period of interest ends on
   * Friday 2026-11-20: ISO weeks of 19 Oct, 26 Oct (no training), 2, 9 and 16 Nov.
   */
  const END = '2026-11-20';
  const HISTORY: SessionSpec[] = [
    // Alone in the 12-week baseline window (1–28 Aug): e1RM 101.25.
    { at: '2026-08-10T22:00:00Z', exercises: { bench: [[90, 5]] } },
    // Three weeks in a row of pull-ups (bodyweight: no e1RM, no volume).
    { at: '2026-09-30T22:00:00Z', exercises: { pullup: [[null, 10]] } },
    { at: '2026-10-07T22:00:00Z', exercises: { pullup: [[null, 10]] } },
    { at: '2026-10-14T22:00:00Z', exercises: { pullup: [[null, 10]] } },
    // Mon 19 Oct 18:00: bench e1RM 112.5, squat 157.5; the warm-up counts for nothing.
    {
      at: '2026-10-19T22:00:00Z',
      exercises: {
        bench: [
          [60, 5, 'warm_up'],
          [100, 5],
          [100, 5],
        ],
        squat: [[140, 5]],
      },
    },
    // Wed 21 Oct: best set 96×5 (108) beats the single at 104 kg.
    {
      at: '2026-10-21T22:00:00Z',
      exercises: {
        bench: [
          [96, 5],
          [104, 1, 'failure'],
        ],
      },
    },
    // Abandoned: its heavy sets never count.
    { at: '2026-10-28T22:00:00Z', status: 'abandoned', exercises: { bench: [[200, 5]] } },
    // Tue 3 Nov 19:00 EST (Wed 00:00 UTC); the set not completed does not count.
    {
      at: '2026-11-04T00:00:00Z',
      exercises: {
        bench: [
          [104, 5],
          [80, 5, 'normal', false],
        ],
        squat: [[150, 5]],
      },
    },
    // Sun 15 Nov 23:30 EST = Mon 16 Nov 04:30 UTC: the local week of 9 Nov, not 16 Nov.
    {
      at: '2026-11-16T04:30:00Z',
      exercises: {
        bench: [
          [108, 5],
          [110, 1],
        ],
      },
    },
    // Wed 18 and Thu 19 Nov: two days in a row.
    { at: '2026-11-18T23:00:00Z', exercises: { squat: [[160, 5]] } },
    { at: '2026-11-19T12:00:00Z', exercises: { pullup: [[null, 8]] } },
  ];

  let lifter: TestUser;
  let stranger: TestUser;
  let workoutIds: string[];

  beforeAll(async () => {
    lifter = await registerUser(api.http);
    await setPreferences(apiClient(api.http, lifter), { timeZone: NEW_YORK });
    workoutIds = await seed(lifter, HISTORY);
    // Another user's record-breaking sessions on the same days must never show up.
    stranger = await registerUser(api.http);
    await seed(stranger, [
      { at: '2026-10-19T22:00:00Z', exercises: { bench: [[300, 1]], squat: [[400, 1]] } },
      { at: '2026-11-18T23:00:00Z', exercises: { bench: [[300, 1]] } },
    ]);
  });

  describe('GET /progress/strength/:exerciseId', () => {
    it('gives the best set of each completed session, in local days, oldest first', async () => {
      const res = await get(api.http, lifter, `/strength/${ex.bench}`, {
        weeks: 5,
        endDate: END,
        resolution: 'session',
      }).expect(200);
      const point = (
        index: number,
        date: string,
        e1rm: number,
        weight: number,
        reps: number,
        sets: number,
        setType = 'normal',
      ) => ({ workoutId: workoutIds[index], date, e1rm, bestSet: { weight, reps, setType }, sets });
      const series = [
        point(4, '2026-10-19', 112.5, 100, 5, 2),
        point(5, '2026-10-21', 108, 96, 5, 2),
        point(7, '2026-11-03', 117, 104, 5, 1),
        point(8, '2026-11-15', 121.5, 108, 5, 2),
      ];
      expect(res.body).toEqual({
        unit: 'kg',
        timeZone: NEW_YORK,
        from: '2026-10-19',
        to: END,
        exerciseId: ex.bench,
        name: expect.any(String),
        best: series[3],
        resolution: 'session',
        series,
      });

      // By default, one point per ISO week: its best session (Mon 19 beats Wed 21 Oct).
      const weekly = await get(api.http, lifter, `/strength/${ex.bench}`, {
        weeks: 5,
        endDate: END,
      }).expect(200);
      expect(weekly.body).toEqual({
        ...res.body,
        resolution: 'week',
        series: [series[0], series[2], series[3]],
      });
    });

    it('reads weights in pounds for a pound user', async () => {
      const user = await registerUser(api.http);
      await setPreferences(apiClient(api.http, user), { timeZone: NEW_YORK, weightUnit: 'lb' });
      await seed(user, [HISTORY[4]]);
      const res = await get(api.http, user, `/strength/${ex.bench}`, {
        weeks: 5,
        endDate: END,
      }).expect(200);
      expect(res.body.unit).toBe('lb');
      expect(res.body.series).toEqual([
        expect.objectContaining({
          e1rm: fromKilograms(112.5, WeightUnit.Pound), // 248.02
          bestSet: { weight: fromKilograms(100, WeightUnit.Pound), reps: 5, setType: 'normal' },
        }),
      ]);
    });

    it('is empty for an exercise without history, 404 for an unknown one, 400 for bad input', async () => {
      const empty = await get(api.http, stranger, `/strength/${ex.pullup}`, {}).expect(200);
      expect(empty.body).toMatchObject({ series: [], best: null });
      await get(api.http, lifter, `/strength/${randomUUID()}`, {})
        .expect(404)
        .expect('content-type', PROBLEM);
      await get(api.http, lifter, '/strength/not-a-uuid', {}).expect(400);
      const invalid: Record<string, string | number>[] = [
        { weeks: 0 },
        { weeks: 157 },
        { endDate: '2026-02-30' },
        { resolution: 'day' },
      ];
      for (const query of invalid) {
        await get(api.http, lifter, `/strength/${ex.bench}`, query)
          .expect(400)
          .expect('content-type', PROBLEM);
      }
      // Unknown query parameters are ignored (docs/errors.md).
      await get(api.http, lifter, `/strength/${ex.bench}`, { x: 1 }).expect(200);
    });
  });

  describe('GET /progress/strength', () => {
    it('gives each exercise its current e1RM and the change over 4 and 12 weeks', async () => {
      const res = await get(api.http, lifter, '/strength', { endDate: END }).expect(200);
      expect(res.body).toEqual({
        unit: 'kg',
        timeZone: NEW_YORK,
        from: '2026-08-31',
        to: END,
        exercises: [
          {
            exerciseId: ex.squat,
            name: expect.any(String),
            sessions: 3,
            lastTrained: '2026-11-18',
            currentE1rm: 180,
            change4w: { baseline: 157.5, absolute: 22.5, percent: 14.3 },
            change12w: null,
          },
          {
            exerciseId: ex.bench,
            name: expect.any(String),
            sessions: 4,
            lastTrained: '2026-11-15', // local day of the 23:30 session
            currentE1rm: 121.5,
            change4w: { baseline: 112.5, absolute: 9, percent: 8 },
            change12w: { baseline: 101.25, absolute: 20.25, percent: 20 },
          },
        ],
      });
    });

    it('falls back to the latest session when the last 4 weeks have none', async () => {
      const res = await get(api.http, lifter, '/strength', {
        endDate: '2026-12-31',
      }).expect(200);
      const bench = res.body.exercises.find(
        (e: { exerciseId: string }) => e.exerciseId === ex.bench,
      );
      expect(bench).toMatchObject({ currentE1rm: 121.5, change4w: { absolute: 0, percent: 0 } });
    });
  });

  describe('GET /progress/volume', () => {
    it('sums completed working sets per local ISO week and per muscle', async () => {
      const res = await get(api.http, lifter, '/volume', { weeks: 5, endDate: END }).expect(200);
      expect(res.body).toEqual({
        unit: 'kg',
        timeZone: NEW_YORK,
        from: '2026-10-19',
        to: END,
        totalVolume: 5004,
        weeks: [
          { weekStart: '2026-10-19', workouts: 2, sets: 5, volume: 2284 },
          { weekStart: '2026-10-26', workouts: 0, sets: 0, volume: 0 },
          { weekStart: '2026-11-02', workouts: 1, sets: 2, volume: 1270 },
          { weekStart: '2026-11-09', workouts: 1, sets: 2, volume: 650 },
          { weekStart: '2026-11-16', workouts: 2, sets: 2, volume: 800 },
        ],
        muscles: [
          { muscle: 'chest', sets: 7, volume: 2754 },
          { muscle: 'quadriceps', sets: 3, volume: 2250 },
          { muscle: 'shoulders', sets: 3.5, volume: 1377 },
          { muscle: 'triceps', sets: 3.5, volume: 1377 },
          { muscle: 'calves', sets: 1.5, volume: 1125 },
          { muscle: 'glutes', sets: 1.5, volume: 1125 },
          { muscle: 'hamstrings', sets: 1.5, volume: 1125 },
          { muscle: 'lower back', sets: 1.5, volume: 1125 },
          { muscle: 'biceps', sets: 0.5, volume: 0 },
          { muscle: 'lats', sets: 1, volume: 0 },
          { muscle: 'middle back', sets: 0.5, volume: 0 },
        ],
      });
    });

    it('converts volume to pounds', async () => {
      await setPreferences(apiClient(api.http, lifter), { weightUnit: 'lb' });
      try {
        const res = await get(api.http, lifter, '/volume', { weeks: 5, endDate: END }).expect(200);
        expect(res.body.unit).toBe('lb');
        expect(res.body.totalVolume).toBe(fromKilograms(5004, WeightUnit.Pound));
        expect(res.body.weeks[0].volume).toBe(fromKilograms(2284, WeightUnit.Pound));
      } finally {
        await setPreferences(apiClient(api.http, lifter), { weightUnit: 'kg' });
      }
    });
  });

  describe('GET /progress/analytics', () => {
    it('gives frequency, consistency against the typical week, and streaks', async () => {
      const res = await get(api.http, lifter, '/analytics', { weeks: 5, endDate: END }).expect(200);
      expect(res.body).toEqual({
        unit: 'kg',
        timeZone: NEW_YORK,
        from: '2026-10-19',
        to: END,
        weeks: 5,
        workouts: 6,
        frequency: 1.2,
        activeWeeks: 4,
        targetPerWeek: 1, // the median of 2, 1, 1, 2
        weeksMeetingTarget: 4,
        consistency: 0.8,
        // Weeks: 28 Sep–19 Oct (4), the gap of 26 Oct, then 2–16 Nov (3). Days: 18–19 Nov.
        streaks: { weeks: { current: 3, longest: 4 }, days: { current: 2, longest: 2 } },
      });
    });

    it('measures consistency against an explicit target; a finished gap ends the streak', async () => {
      const res = await get(api.http, lifter, '/analytics', {
        weeks: 5,
        endDate: END,
        targetPerWeek: 2,
      }).expect(200);
      expect(res.body).toMatchObject({ targetPerWeek: 2, weeksMeetingTarget: 2, consistency: 0.4 });
      // Saturday 21 Nov: Thursday was the last day trained, so the day streak is over.
      const later = await get(api.http, lifter, '/analytics', { endDate: '2026-11-21' }).expect(
        200,
      );
      expect(later.body.streaks).toEqual({
        weeks: { current: 3, longest: 4 },
        days: { current: 0, longest: 2 },
      });
      // 6 Dec: the week of 23 Nov passed without training.
      const after = await get(api.http, lifter, '/analytics', { endDate: '2026-12-06' }).expect(
        200,
      );
      expect(after.body.streaks.weeks).toEqual({ current: 0, longest: 4 });
    });

    it('is all zeros for a user without workouts, and validates the target', async () => {
      const user = await registerUser(api.http);
      const res = await get(api.http, user, '/analytics', {}).expect(200);
      expect(res.body).toMatchObject({
        weeks: 12,
        workouts: 0,
        frequency: 0,
        activeWeeks: 0,
        consistency: 0,
        streaks: { weeks: { current: 0, longest: 0 }, days: { current: 0, longest: 0 } },
      });
      await get(api.http, user, '/analytics', { targetPerWeek: 0 }).expect(400);
      await request(api.http).get(`${BASE}/analytics`).expect(401);
    });
  });
});
