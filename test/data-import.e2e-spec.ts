import { HttpException, INestApplicationContext } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Storage } from '../src/infrastructure/storage/storage';
import { apiClient, ApiClient } from './support/api-client';
import { sendCutShortUpload } from './support/cut-short-upload';
import { seedEveryArea } from './support/data-rights';
import { domainEventsSettled, publishedEventsOf } from './support/domain-events';
import { completedWorkout } from './support/fixtures';
import { startS3Server, TestS3Server } from './support/s3rver';
import { StatementRecorder } from './support/statement-recorder';
import {
  eventually,
  registerUser,
  startApi,
  startWorker,
  TestApi,
  TestUser,
  testConfig,
} from './support/test-app';
import { binaryParser } from './support/zip';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));

interface ImportStatus {
  id: string;
  status: string;
  progressPct: number;
  failureReason: string | null;
  report: {
    rowsRead: number;
    created: Record<string, number>;
    skipped: Record<string, number>;
    unmatchedExercises: string[];
    errors: { row: number; field?: string; file?: string; message: string }[];
  } | null;
}

describe('Data import (e2e)', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let db: DataSource;

  beforeAll(async () => {
    const config = testConfig({ DATA_IMPORT_MAX_BYTES: String(256 * 1024) });
    api = await startApi(config);
    worker = await startWorker(config);
    db = api.app.get(DataSource);
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  async function upload(
    user: TestUser,
    source: string,
    file: Buffer,
    name: string,
    expected = 202,
  ) {
    return request(api.http)
      .post(`/api/v1/users/data-import?source=${source}`)
      .auth(user.accessToken, { type: 'bearer' })
      .attach('file', file, name)
      .expect(expected);
  }

  async function imported(
    user: TestUser,
    source: string,
    file: Buffer,
    name: string,
  ): Promise<ImportStatus> {
    const accepted = await upload(user, source, file, name);
    expect(accepted.headers.location).toBe(`/api/v1/users/data-import/${accepted.body.id}`);
    expect(accepted.body).toMatchObject({ status: 'pending', source, fileName: name });
    const client = apiClient(api.http, user);
    return eventually(async () => {
      const res = await client.get(`/users/data-import/${accepted.body.id}`).expect(200);
      return ['completed', 'failed'].includes(res.body.status)
        ? (res.body as ImportStatus)
        : undefined;
    }, 60_000);
  }

  /** The user's workouts as comparable values: name, times, and sets by exercise name. */
  async function workoutsOf(userId: string) {
    return db.query(
      `SELECT w.name, w.status::text, w.session_at, w.completed_at, w.duration_seconds, w.notes,
              w.total_volume_kg::float8 AS volume, w.total_sets, w.total_reps,
              (SELECT json_agg(json_build_object('exercise', e.name, 'type', s.set_type, 'weight', s.weight_kg::float8,
                                                 'reps', s.reps, 'rpe', s.rpe::float8, 'position', s.position)
                               ORDER BY we.position, s.position)
                 FROM workout_sets s JOIN workout_exercises we ON we.id = s.workout_exercise_id
                 JOIN exercises e ON e.id = s.exercise_id WHERE s.workout_id = w.id) AS sets
         FROM workouts w WHERE w.user_id = $1 ORDER BY w.session_at, w.name`,
      [userId],
    ) as Promise<
      {
        name: string;
        sets: { exercise: string; type: string; weight: number | null; reps: number | null }[];
        [k: string]: unknown;
      }[]
    >;
  }

  it('imports a Strong CSV: workouts, sets, library matches and the unmatched names; twice adds nothing', async () => {
    const user = await registerUser(api.http);
    const done = await imported(user, 'strong', fixture('strong-export.csv'), 'strong.csv');
    expect(done.status).toBe('completed');
    expect(done.progressPct).toBe(100);
    expect(done.report).toMatchObject({
      rowsRead: 18,
      created: { workouts: 3, sets: 18, exercises: 4 },
      errors: [],
    });
    expect(done.report!.unmatchedExercises.sort()).toEqual(
      ['Cable Woodchopper', 'Lat Pulldown (Cable)', 'Overhead Press (Barbell)', 'Pull Up'].sort(),
    );
    const workouts = await workoutsOf(user.id);
    expect(
      workouts.map((w) => [
        w.name,
        w.status,
        (w.session_at as Date).toISOString(),
        w.duration_seconds,
      ]),
    ).toEqual([
      ['Push Day', 'completed', '2024-01-15T07:30:00.000Z', 3900],
      ['Leg Day', 'completed', '2024-01-17T18:00:00.000Z', 3120],
      ['Pull Day', 'completed', '2024-01-19T12:15:00.000Z', 2880],
    ]);
    expect(workouts.map((w) => w.sets.length)).toEqual([7, 6, 5]);
    expect(workouts[0].sets[0]).toMatchObject({
      exercise: 'Barbell Bench Press - Medium Grip',
      type: 'warm_up',
      weight: 40,
      reps: 10,
    });
    expect(workouts[0].sets[3]).toMatchObject({ type: 'normal', weight: 77.5, reps: 6, rpe: 9 });
    expect(workouts[0].notes).toBe('Felt strong');
    // Working sets only: 80×5 + 80×5 + 77.5×6 + 50×8 + 50×7 + 20×12.
    expect(workouts[0]).toMatchObject({
      volume: 80 * 5 * 2 + 77.5 * 6 + 50 * 15 + 240,
      total_sets: 6,
    });
    expect(workouts[1].sets.map((s) => s.exercise)).toEqual([
      'Barbell Squat',
      'Barbell Squat',
      'Barbell Squat',
      'Romanian Deadlift',
      'Romanian Deadlift',
      'Plank',
    ]);
    const own: { name: string; status: string }[] = await db.query(
      `SELECT name, status::text FROM exercises WHERE created_by_id = $1 ORDER BY name`,
      [user.id],
    );
    expect(own.map((e) => e.name)).toEqual([
      'Cable Woodchopper',
      'Lat Pulldown (Cable)',
      'Overhead Press (Barbell)',
      'Pull Up',
    ]);

    // The same file again: nothing added.
    const again = await imported(user, 'strong', fixture('strong-export.csv'), 'strong.csv');
    expect(again.status).toBe('completed');
    expect(again.report).toMatchObject({
      created: {},
      skipped: { workouts: 3 },
      unmatchedExercises: [],
    });
    expect(await workoutsOf(user.id)).toEqual(workouts);
    const [{ n }] = await db.query(
      'SELECT count(*)::int AS n FROM exercises WHERE created_by_id = $1',
      [user.id],
    );
    expect(n).toBe(4);
  }, 120_000);

  it('stores imported sessions as the API stores them (e1RM, totals, records) and announces them once, for analytics, not feeds', async () => {
    const user = await registerUser(api.http);
    const done = await imported(user, 'strong', fixture('strong-export.csv'), 'strong.csv');
    expect(done.status).toBe('completed');
    /** A workout's sets with what a completion derives, and the workout's totals and records. */
    const derived = async (workoutId: string) => {
      const sets = await db.query(
        `SELECT s.exercise_id AS "exerciseId", s.set_type::text AS "setType",
                s.weight_kg::float8 AS weight, s.reps, s.e1rm_kg::float8 AS e1rm
           FROM workout_sets s JOIN workout_exercises we ON we.id = s.workout_exercise_id
          WHERE s.workout_id = $1 ORDER BY we.position, s.position`,
        [workoutId],
      );
      const [totals] = await db.query(
        `SELECT total_volume_kg::float8 AS volume, total_sets, total_reps FROM workouts WHERE id = $1`,
        [workoutId],
      );
      const records = await db.query(
        `SELECT exercise_id AS "exerciseId", kind::text, value::float8, weight_kg::float8 AS weight, reps
           FROM personal_records WHERE workout_id = $1 ORDER BY 1, 2, 4`,
        [workoutId],
      );
      return { sets, totals, records };
    };
    const [push] = await db.query(
      `SELECT id FROM workouts WHERE user_id = $1 AND name = 'Push Day'`,
      [user.id],
    );
    const fromImport = await derived(push.id);
    expect(fromImport.sets.filter((s: { e1rm: number | null }) => s.e1rm !== null)).not.toEqual([]);
    expect(fromImport.records).not.toEqual([]);

    // One event for the import (not one per session, no records announced)...
    const events = await publishedEventsOf(db, user.id);
    expect(events.filter((e) => !e.name.startsWith('account.'))).toEqual([
      {
        name: 'workouts.imported',
        payload: {
          userId: user.id,
          importId: done.id,
          workouts: 3,
          from: '2024-01-15T07:30:00.000Z',
          to: '2024-01-19T13:03:00.000Z',
        },
      },
    ]);
    // ...that the worker's analytics subscriber turns into rollups (asynchronously).
    const client = apiClient(api.http, user);
    const overview = await eventually(async () => {
      const res = await client
        .get('/analytics/overview?startDate=2024-01-01&endDate=2024-01-31')
        .expect(200);
      return res.body.current.sessions > 0 ? res.body : undefined;
    }, 30_000);
    expect(overview.current).toMatchObject({ sessions: 3, activeDays: 3 });
    await domainEventsSettled(worker);
    // Old sessions are no news: nothing in the feed, no notification.
    const [{ activities }] = await db.query(
      'SELECT count(*)::int AS activities FROM activities WHERE user_id = $1',
      [user.id],
    );
    const [{ notifications }] = await db.query(
      'SELECT count(*)::int AS notifications FROM notifications WHERE user_id = $1',
      [user.id],
    );
    expect({ activities, notifications }).toEqual({ activities: 0, notifications: 0 });

    // The same sets logged through the API (by the same user: some exercises are their own):
    // the same e1RMs and totals; and no record, as the imported history already holds them.
    const logged = await completedWorkout(
      apiClient(api.http, user),
      fromImport.sets.map(
        (s: { exerciseId: string; setType: string; weight: number; reps: number }) => ({
          exerciseId: s.exerciseId,
          setType: s.setType,
          weight: s.weight,
          reps: s.reps,
        }),
      ),
    );
    expect(await derived(logged.id as string)).toEqual({ ...fromImport, records: [] });

    // The same file again imports nothing and announces nothing.
    await imported(user, 'strong', fixture('strong-export.csv'), 'strong.csv');
    expect(
      (await publishedEventsOf(db, user.id)).filter((e) => e.name === 'workouts.imported'),
    ).toHaveLength(1);
  }, 120_000);

  it('derives the totals of a 100-workout import in one statement, each workout its own', async () => {
    const user = await registerUser(api.http);
    // Workout i: a warm-up (not counted) and one working set of (20 + i) kg × 5.
    const rows = [
      'Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE',
    ];
    for (let i = 0; i < 100; i += 1) {
      const day = new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10);
      rows.push(`${day} 07:00:00,"Session ${i}",45m,"Bench Press (Barbell)",W,10,10,0,0,"","",`);
      rows.push(
        `${day} 07:00:00,"Session ${i}",45m,"Bench Press (Barbell)",1,${20 + i},5,0,0,"","",`,
      );
    }
    const statements = new StatementRecorder();
    statements.start();
    let requestId: string;
    try {
      const accepted = await statements.of(
        request(api.http)
          .post('/api/v1/users/data-import?source=strong')
          .auth(user.accessToken, { type: 'bearer' })
          .attach('file', Buffer.from(rows.join('\n')), 'hundred.csv')
          .expect(202),
      );
      requestId = accepted.requestId;
      await eventually(async () => {
        const [row] = await db.query(
          `SELECT status::text FROM data_imports WHERE user_id = $1 AND status IN ('completed', 'failed')`,
          [user.id],
        );
        return row;
      }, 60_000);
    } finally {
      statements.stop();
    }
    // The job carries the upload's request id.
    const totals = statements
      .sentFor(requestId)
      .filter((sql) => /^UPDATE workouts SET total_volume_kg/.test(sql));
    expect(totals).toHaveLength(1);
    const workouts: { name: string; volume: number; total_sets: number; total_reps: number }[] =
      await db.query(
        `SELECT name, total_volume_kg::float8 AS volume, total_sets, total_reps
           FROM workouts WHERE user_id = $1 ORDER BY session_at`,
        [user.id],
      );
    expect(workouts).toEqual(
      Array.from({ length: 100 }, (_, i) => ({
        name: `Session ${i}`,
        volume: (20 + i) * 5,
        total_sets: 1,
        total_reps: 5,
      })),
    );
  }, 120_000);

  it('imports a Hevy CSV with its set types and unit', async () => {
    const user = await registerUser(api.http);
    const done = await imported(user, 'hevy', fixture('hevy-export.csv'), 'workouts.csv');
    expect(done.status).toBe('completed');
    expect(done.report).toMatchObject({
      rowsRead: 12,
      created: { workouts: 2, sets: 12 },
      errors: [],
    });
    expect(done.report!.unmatchedExercises.sort()).toEqual([
      'Seated Cable Row - V Grip (Cable)',
      'Triceps Rope Pushdown',
    ]);
    const workouts = await workoutsOf(user.id);
    expect(
      workouts.map((w) => [
        w.name,
        (w.session_at as Date).toISOString(),
        (w.completed_at as Date).toISOString(),
        w.notes,
      ]),
    ).toEqual([
      ['Upper A', '2024-01-15T07:30:00.000Z', '2024-01-15T08:35:00.000Z', 'Morning session'],
      ['Lower A', '2024-01-17T18:00:00.000Z', '2024-01-17T19:02:00.000Z', null],
    ]);
    expect(workouts[0].sets.map((s) => s.type)).toEqual([
      'warm_up',
      'normal',
      'normal',
      'failure',
      'normal',
      'drop',
      'normal',
    ]);
    expect(workouts[1].sets[4]).toMatchObject({ exercise: 'Plank', weight: null, reps: null });
  }, 120_000);

  it('refuses a bad file with every failed row and why, and imports nothing', async () => {
    const user = await registerUser(api.http);
    const done = await imported(user, 'strong', fixture('strong-export-bad.csv'), 'bad.csv');
    expect(done.status).toBe('failed');
    expect(done.failureReason).toMatch(/nothing was imported/);
    const errors = done.report!.errors;
    expect([...new Set(errors.map((e) => e.row))]).toEqual([3, 5, 6]);
    expect(errors.find((e) => e.row === 3)).toMatchObject({
      field: 'Reps',
      message: expect.stringContaining('"ten"'),
    });
    expect(errors.find((e) => e.row === 5)).toMatchObject({ field: 'Date' });
    expect(
      errors
        .filter((e) => e.row === 6)
        .map((e) => e.field)
        .sort(),
    ).toEqual(['Exercise Name', 'RPE', 'Set Order', 'Weight']);
    const [{ workouts }] = await db.query(
      'SELECT count(*)::int AS workouts FROM workouts WHERE user_id = $1',
      [user.id],
    );
    const [{ exercises }] = await db.query(
      'SELECT count(*)::int AS exercises FROM exercises WHERE created_by_id = $1',
      [user.id],
    );
    expect({ workouts, exercises }).toEqual({ workouts: 0, exercises: 0 });

    // A file in another format, and a FitAI "archive" that is not a zip, fail the same way.
    const wrong = await imported(user, 'hevy', fixture('strong-export.csv'), 'strong.csv');
    expect(wrong.report!.errors[0].message).toMatch(/lacks the column/);
    const notZip = await imported(user, 'fitai', fixture('strong-export.csv'), 'export.zip');
    expect(notZip.report!.errors[0].message).toMatch(/Not a zip/);
  }, 120_000);

  it('validates the upload: source, file, size', async () => {
    const user = await registerUser(api.http);
    const client = apiClient(api.http, user);
    await request(api.http)
      .post('/api/v1/users/data-import?source=fitbit')
      .auth(user.accessToken, { type: 'bearer' })
      .attach('file', fixture('strong-export.csv'), 'strong.csv')
      .expect(400);
    await client.post('/users/data-import?source=strong', {}).expect(415);
    const big = await upload(user, 'strong', Buffer.alloc(300 * 1024, 'a'), 'big.csv', 413);
    expect(big.body.type).toMatch(/import-too-large$/);
    const stranger = apiClient(api.http, await registerUser(api.http));
    const mine = await upload(user, 'strong', fixture('strong-export.csv'), 'strong.csv');
    await stranger.get(`/users/data-import/${mine.body.id}`).expect(404);
  }, 60_000);

  it('round trip: export, then import into a fresh account, reproduces the data; twice adds nothing', async () => {
    const source = await registerUser(api.http);
    const other = await registerUser(api.http);
    await seedEveryArea(db, source.id, other.id);
    const sourceClient: ApiClient = apiClient(api.http, source);
    const accepted = await sourceClient.get('/users/data-export').expect(202);
    const exported = await eventually(async () => {
      const res = await sourceClient.get(`/users/data-export/${accepted.body.id}`).expect(200);
      return res.body.status === 'completed' ? res.body : undefined;
    }, 60_000);
    const url = new URL(exported.downloadUrl);
    const zip = await request(api.http)
      .get(url.pathname + url.search)
      .buffer(true)
      .parse(binaryParser)
      .expect(200);

    const target = await registerUser(api.http);
    const done = await imported(target, 'fitai', zip.body as Buffer, 'fitai-export.zip');
    expect(done.status).toBe('completed');
    expect(done.report!.errors).toEqual([]);

    const snapshot = async (userId: string) => ({
      workouts: (await workoutsOf(userId)).map((w) => ({ ...w })),
      entries: await db.query(
        `SELECT occurred_at, type::text, mood, energy, note, tags, value, unit FROM entries WHERE user_id = $1 ORDER BY occurred_at, note`,
        [userId],
      ),
      bodyMetrics: await db.query(
        `SELECT measured_at, weight_kg, body_fat_pct, waist_cm, note FROM body_metrics WHERE user_id = $1 ORDER BY measured_at`,
        [userId],
      ),
      goals: await db.query(
        `SELECT g.title, g.type::text, g.metric::text, g.target_value, g.baseline_value, g.status::text,
                (SELECT json_agg(json_build_object('percent', m.percent, 'value', m.value) ORDER BY m.percent)
                   FROM goal_milestones m WHERE m.goal_id = g.id) AS milestones
           FROM goals g WHERE g.user_id = $1 ORDER BY g.title`,
        [userId],
      ),
      customExercises: await db.query(
        `SELECT name, level::text, category::text, primary_muscles FROM exercises WHERE created_by_id = $1 ORDER BY name`,
        [userId],
      ),
      templates: await db.query(
        `SELECT t.name, t.description, t.goal::text, t.level::text, t.visibility::text, t.days_per_week,
                (SELECT json_agg(json_build_object('day', d.name, 'exercise', e.name, 'sets',
                          (SELECT json_agg(json_build_object('min', s.reps_min, 'max', s.reps_max, 'kg', s.weight_kg) ORDER BY s.position)
                             FROM template_sets s WHERE s.template_exercise_id = te.id)) ORDER BY d.position, te.position)
                   FROM template_days d JOIN template_exercises te ON te.day_id = d.id JOIN exercises e ON e.id = te.exercise_id
                  WHERE d.template_id = t.id) AS days
           FROM templates t WHERE t.owner_id = $1 ORDER BY t.name`,
        [userId],
      ),
      workoutTemplates: await db.query(
        `SELECT t.name FROM workouts w JOIN templates t ON t.id = w.template_id WHERE w.user_id = $1`,
        [userId],
      ),
    });
    const before = await snapshot(source.id);
    const after = await snapshot(target.id);
    expect(before.workouts.length).toBeGreaterThan(0);
    expect(before.templates.length).toBe(1);
    expect(after).toEqual(before);
    // The template's exercise is the target's own copy of the custom exercise.
    const [copied] = await db.query(
      `SELECT e.created_by_id FROM template_exercises te JOIN template_days d ON d.id = te.day_id
         JOIN templates t ON t.id = d.template_id JOIN exercises e ON e.id = te.exercise_id WHERE t.owner_id = $1`,
      [target.id],
    );
    expect(copied.created_by_id).toBe(target.id);

    const again = await imported(target, 'fitai', zip.body as Buffer, 'fitai-export.zip');
    expect(again.status).toBe('completed');
    expect(again.report!.created).toEqual({});
    expect(again.report!.skipped).toMatchObject({ workouts: before.workouts.length, templates: 1 });
    expect(await snapshot(target.id)).toEqual(after);
  }, 180_000);
});

describe.each(['fs', 's3'] as const)(
  'Data import: an upload cut short, %s storage (e2e)',
  (driver) => {
    let api: TestApi;
    let s3: TestS3Server | undefined;
    let baseUrl: string;
    let db: DataSource;
    /** Every storage write the API started, and how it ended ('pending' until it does). */
    let puts: { key: string; outcome: Promise<string> }[];

    beforeAll(async () => {
      if (driver === 's3') s3 = await startS3Server();
      api = await startApi(
        testConfig({ DATA_IMPORT_MAX_BYTES: String(4 * 1024 * 1024), ...s3?.storageEnv }),
      );
      await api.app.listen(0, '127.0.0.1');
      baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
      db = api.app.get(DataSource);
      const storage = api.app.get(Storage);
      const put = storage.put.bind(storage);
      jest.spyOn(storage, 'put').mockImplementation((key, body, options) => {
        const stored = put(key, body, options);
        puts.push({
          key,
          outcome: stored.then(
            () => 'stored',
            (error: unknown) =>
              error instanceof HttpException ? `failed ${error.getStatus()}` : `failed: ${error}`,
          ),
        });
        return stored;
      });
    }, 60_000);
    beforeEach(() => (puts = []));

    afterAll(async () => {
      await api?.close();
      await s3?.stop();
    });

    /** What the user has of imports: rows and stored uploads. */
    async function importsOf(user: TestUser) {
      const rows: { status: string }[] = await db.query(
        'SELECT status::text FROM data_imports WHERE user_id = $1',
        [user.id],
      );
      const files: string[] = [];
      for await (const object of api.app.get(Storage).list(`imports/${user.id}`)) {
        files.push(object.key);
      }
      return { rows: rows.map((row) => row.status), files };
    }

    /** A Strong CSV of about 1 MB, so the upload streams in many chunks. */
    const bigCsv = () =>
      Buffer.concat([fixture('strong-export.csv'), Buffer.alloc(1024 * 1024, '\n')]);

    it('whose body ends mid-file is a 400 problem, and leaves no import and no file', async () => {
      const user = await registerUser(api.http);
      const answer = await sendCutShortUpload({
        baseUrl,
        path: '/api/v1/users/data-import?source=strong',
        accessToken: user.accessToken,
        fileBytes: bigCsv(),
        ending: 'ended',
      });
      expect(answer!.status).toBe(400);
      expect(answer!.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(answer!.body)).toMatchObject({
        type: 'urn:fitai:problem:bad-request',
        detail: expect.stringMatching(/cut short/),
      });
      expect(await importsOf(user)).toEqual({ rows: [], files: [] });
    });

    it('whose connection drops mid-file ends its storage write, leaves nothing, and the next upload works', async () => {
      const user = await registerUser(api.http);
      const uploadKey = `imports/${user.id}/`;
      await sendCutShortUpload({
        baseUrl,
        path: '/api/v1/users/data-import?source=strong',
        accessToken: user.accessToken,
        fileBytes: bigCsv(),
        ending: 'dropped',
        // Dropped once the API is writing the file to storage.
        droppedAfter: () => eventually(async () => puts.find((p) => p.key.startsWith(uploadKey))),
      });
      const write = puts.find((p) => p.key.startsWith(uploadKey))!;
      const outcome = await Promise.race([
        write.outcome,
        new Promise((resolve) => setTimeout(() => resolve('still writing after 10 s'), 10_000)),
      ]);
      expect(outcome).toBe('failed 400');
      expect(await importsOf(user)).toEqual({ rows: [], files: [] });

      await request(api.http)
        .post('/api/v1/users/data-import?source=strong')
        .auth(user.accessToken, { type: 'bearer' })
        .attach('file', fixture('strong-export.csv'), 'strong.csv')
        .expect(202);
      expect((await importsOf(user)).rows).toEqual(['pending']);
    }, 30_000);
  },
);
