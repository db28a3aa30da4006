import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fromKilograms, WeightUnit } from '../src/common/units/weight-unit';
import { ApiClient, registerClient } from './support/api-client';
import { BENCH_PRESS, libraryExerciseIds, setPreferences } from './support/fixtures';
import { PROBLEM } from './support/problem';
import { eventually, startApi, startWorker, TestApi } from './support/test-app';

const NEW_YORK = 'America/New_York';

/** A session logged after the fact: its start, and [kg, reps] sets of one exercise. */
async function logSession(
  client: ApiClient,
  exerciseId: string,
  startedAt: string,
  sets: [number, number][],
): Promise<string> {
  const completedAt = new Date(Date.parse(startedAt) + 3_600_000).toISOString();
  const body = {
    name: 'Logged',
    startedAt,
    completedAt,
    exercises: [{ exerciseId, sets: sets.map(([weight, reps]) => ({ weight, reps })) }],
  };
  return (await client.post('/workouts', body).expect(201)).body.id;
}

describe('analytics (e2e)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let db: DataSource;
  let bench: string;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker(api.config);
    db = api.app.get(DataSource);
    ({ bench } = await libraryExerciseIds(db, { bench: BENCH_PRESS }));
  }, 60_000);
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  /** Personal records held by the user's sessions started on these New York days. */
  async function recordsBetween(userId: string, first: string, last: string): Promise<number> {
    const [{ n }]: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM personal_records r JOIN workouts w ON w.id = r.workout_id
        WHERE r.user_id = $1 AND (w.session_at AT TIME ZONE $2)::date BETWEEN $3 AND $4`,
      [userId, NEW_YORK, first, last],
    );
    return n;
  }

  /**
   * A New York lifter: October 2026 against the 31 days before it. Two sessions sit on a
   * time-zone edge: 1 Oct 02:00 UTC is 30 Sep in New York (previous period), 1 Nov 03:30 UTC
   * is 31 Oct (current period).
   */
  async function october(): Promise<{ client: ApiClient; userId: string }> {
    const { client, user } = await registerClient(api.http);
    await setPreferences(client, { timeZone: NEW_YORK });
    await logSession(client, bench, '2026-09-10T22:00:00Z', [[100, 5]]);
    await logSession(client, bench, '2026-10-01T02:00:00Z', [[80, 10]]);
    await logSession(client, bench, '2026-10-05T22:00:00Z', [
      [100, 5],
      [100, 5],
    ]);
    await logSession(client, bench, '2026-10-06T22:00:00Z', [[105, 3]]);
    await logSession(client, bench, '2026-11-01T03:30:00Z', [[60, 12]]);
    for (const [measuredAt, weight] of [
      ['2026-09-15T12:00:00Z', 81],
      ['2026-10-02T12:00:00Z', 80],
      ['2026-10-30T12:00:00Z', 79],
    ] as const) {
      await client.post('/progress/body', { measuredAt, weight }).expect(201);
    }
    for (const [occurredAt, mood, energy] of [
      ['2026-09-12T15:00:00Z', 3, null],
      ['2026-10-03T15:00:00Z', 4, 3],
      ['2026-10-04T15:00:00Z', 2, 5],
    ] as const) {
      await client.post('/entries', { occurredAt, type: 'mood', mood, energy }).expect(201);
    }
    return { client, userId: user.id };
  }

  it('overview: every figure of a period and of the one before, with the changes', async () => {
    const { client, userId } = await october();
    const res = await client
      .get('/analytics/overview', { from: '2026-10-01', to: '2026-10-31' })
      .expect(200);
    const { current, previous, change } = res.body;
    expect(res.body).toMatchObject({ unit: 'kg', timeZone: NEW_YORK });
    expect(current).toMatchObject({
      from: '2026-10-01',
      to: '2026-10-31',
      sessions: 3,
      activeDays: 3,
      sets: 4,
      volume: 100 * 5 * 2 + 105 * 3 + 60 * 12,
      personalRecords: await recordsBetween(userId, '2026-10-01', '2026-10-31'),
      bodyWeight: 79,
      bodyWeightChange: -1,
      bodyWeightReadings: 2,
      goalsAchieved: 0,
      goalsActive: 0,
      mood: 3,
      moodEntries: 2,
      energy: 4,
      energyEntries: 2,
    });
    expect(previous).toMatchObject({
      from: '2026-08-31',
      to: '2026-09-30',
      sessions: 2,
      volume: 500 + 800,
      bodyWeight: 81,
      bodyWeightChange: 0,
      mood: 3,
      energy: null,
      energyEntries: 0,
    });
    expect(change.sessions).toEqual({ absolute: 1, percent: 50 });
    expect(change.volume).toEqual({
      absolute: 2035 - 1300,
      percent: Math.round(((2035 - 1300) / 1300) * 1000) / 10,
    });
    expect(change.bodyWeight).toEqual({ absolute: -2, percent: -2.5 });
    expect(change.energy).toEqual({ absolute: null, percent: null });
    expect(res.body.freshness).toEqual({
      refreshedAt: expect.any(String),
      caughtUp: expect.any(Boolean),
    });
  }, 60_000);

  it('volume: per ISO week or month of the period, in the user’s unit', async () => {
    const { client } = await october();
    const weeks = await client
      .get('/analytics/volume', { from: '2026-10-01', to: '2026-10-31' })
      .expect(200);
    expect(weeks.body).toMatchObject({ bucket: 'week', sessions: 3, sets: 4, volume: 2035 });
    expect(weeks.body.buckets).toEqual([
      { start: '2026-09-28', sessions: 0, sets: 0, volume: 0 },
      { start: '2026-10-05', sessions: 2, sets: 3, volume: 1315 },
      { start: '2026-10-12', sessions: 0, sets: 0, volume: 0 },
      { start: '2026-10-19', sessions: 0, sets: 0, volume: 0 },
      { start: '2026-10-26', sessions: 1, sets: 1, volume: 720 },
    ]);
    await setPreferences(client, { weightUnit: 'lb' });
    const months = await client
      .get('/analytics/volume', { from: '2026-09-01', to: '2026-10-31', bucket: 'month' })
      .expect(200);
    expect(months.body.unit).toBe('lb');
    expect(months.body.buckets).toEqual([
      { start: '2026-09-01', sessions: 2, sets: 2, volume: fromKilograms(1300, WeightUnit.Pound) },
      { start: '2026-10-01', sessions: 3, sets: 4, volume: fromKilograms(2035, WeightUnit.Pound) },
    ]);
  }, 60_000);

  it('the worker keeps the rollups from the workout events, before any read', async () => {
    const { client, user } = await registerClient(api.http);
    await setPreferences(client, { timeZone: NEW_YORK });
    const first = await logSession(client, bench, '2026-10-05T22:00:00Z', [[100, 5]]);
    const second = await logSession(client, bench, '2026-10-12T22:00:00Z', [[100, 6]]);
    const rows = () =>
      db.query(
        `SELECT workout_id AS "workoutId", to_char(local_day, 'YYYY-MM-DD') AS day,
                volume_kg::float8 AS volume
           FROM analytics_session_rollups WHERE user_id = $1 ORDER BY session_at`,
        [user.id],
      );
    const weeks = () =>
      db.query(
        `SELECT to_char(week_start, 'YYYY-MM-DD') AS week, workouts
           FROM analytics_week_rollups WHERE user_id = $1 ORDER BY week_start`,
        [user.id],
      );
    await eventually(async () => ((await rows()).length === 2 ? true : undefined));
    // Redated into the week before, then deleted: the subscriber follows each fact.
    const version = (await client.get(`/workouts/${second}`).expect(200)).body.version;
    await client
      .put(`/workouts/${second}`, {
        version,
        startedAt: '2026-09-29T22:00:00Z',
        completedAt: '2026-09-29T23:00:00Z',
      })
      .expect(200);
    await eventually(async () => {
      const now = await rows();
      return now[0]?.workoutId === second && now[0].day === '2026-09-29' ? true : undefined;
    });
    expect(await weeks()).toEqual([
      { week: '2026-09-28', workouts: 1 },
      { week: '2026-10-05', workouts: 1 },
    ]);
    await client.delete(`/workouts/${first}`).expect(204);
    await eventually(async () => ((await rows()).length === 1 ? true : undefined));
    expect(await weeks()).toEqual([{ week: '2026-09-28', workouts: 1 }]);
    const overview = await client
      .get('/analytics/overview', { from: '2026-09-01', to: '2026-10-31' })
      .expect(200);
    expect(overview.body.current).toMatchObject({ sessions: 1, volume: 600 });
    expect(overview.body.freshness.caughtUp).toBe(false);
  }, 60_000);

  it('invalid periods are field-level 400s', async () => {
    const { client } = await registerClient(api.http);
    const reversed = await client
      .get('/analytics/overview', { from: '2026-10-31', to: '2026-10-01' })
      .expect(400)
      .expect('Content-Type', PROBLEM);
    expect(reversed.body.errors).toEqual([{ field: 'from', messages: [expect.any(String)] }]);
    const long = await client
      .get('/analytics/volume', { from: '2020-01-01', to: '2026-10-01' })
      .expect(400);
    expect(long.body.errors[0].field).toBe('to');
    const badDate = await client.get('/analytics/frequency', { from: '2026-02-30' }).expect(400);
    expect(badDate.body.errors[0].field).toBe('from');
    await client.get('/analytics/volume', { bucket: 'year' }).expect(400);
  });
});
