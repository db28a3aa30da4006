import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { NEUTRAL_MEAN } from '../src/common/ratings/bayesian-average';
import { apiClient } from './support/api-client';
import { BENCH_PRESS, libraryExerciseIds, setPreferences } from './support/fixtures';
import { errorFields, PROBLEM } from './support/problem';
import { registerAdmin, registerUser, startApi, TestApi, TestUser } from './support/test-app';

/** Library exercises (seeded by the global setup), by slug, with their equipment. */
const SLUGS = {
  bench: BENCH_PRESS, // barbell
  squat: 'Barbell_Squat', // barbell
  pushups: 'Pushups', // body only
  dumbbellPress: 'Dumbbell_Bench_Press', // dumbbell
  pullups: 'Pullups', // body only
  kettlebell: 'Kettlebell_One-Legged_Deadlift', // kettlebells
} as const;
type ExerciseKey = keyof typeof SLUGS;

/** Request bodies, loose enough to be made invalid on purpose. */
interface SetBody {
  [field: string]: unknown;
}
interface ExerciseBody {
  sets: SetBody[];
  [field: string]: unknown;
}
interface DayBody {
  exercises: ExerciseBody[];
  [field: string]: unknown;
}
interface TemplateBody {
  days: DayBody[];
  [field: string]: unknown;
}
/** What the tests read of a created template; the rest is compared as JSON. */
interface Created {
  id: string;
  days: unknown;
}

describe('workout templates (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let exercise: Record<ExerciseKey, string>;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    exercise = await libraryExerciseIds(db, SLUGS);
  });
  afterAll(() => api.close());

  /** Requests as `user`. */
  const as = (user: TestUser) => apiClient(api.http, user);

  /** A small valid template: one day, one exercise, one set; `fields` override the top level. */
  const simple = (
    fields: Partial<TemplateBody> = {},
    key: ExerciseKey = 'bench',
  ): TemplateBody => ({
    name: 'Simple',
    goal: 'hypertrophy',
    level: 'intermediate',
    days: [{ name: 'A', exercises: [{ exerciseId: exercise[key], sets: [{ repsMin: 5 }] }] }],
    ...fields,
  });

  const create = async (user: TestUser, body: TemplateBody = simple()): Promise<Created> =>
    (await as(user).post('/templates', body).expect(201)).body;

  const ids = (res: request.Response): string[] => res.body.items.map((t: Created) => t.id);

  /** The prior of the Bayesian average, computed here from every vote on live templates. */
  async function priorMean(): Promise<number> {
    const [{ count, sum }] = await db.query(
      'SELECT sum(rating_count)::float8 AS count, sum(rating_sum)::float8 AS sum FROM templates WHERE deleted_at IS NULL',
    );
    return count > 0 ? sum / count : NEUTRAL_MEAN;
  }
  const round2 = (value: number) => Math.round(value * 100) / 100;

  it('creates a whole nested template and gives it back in order, with the defaults filled in', async () => {
    const ada = await registerUser(api.http);
    const body = {
      name: '  Upper Lower  ',
      description: 'Two days, compounds first.',
      goal: 'strength',
      level: 'beginner',
      visibility: 'public',
      days: [
        {
          name: 'Upper',
          notes: 'Long rests',
          exercises: [
            {
              exerciseId: exercise.bench,
              notes: 'Pause at the chest',
              progression: { type: 'linear_load', incrementKg: 2.5, when: 'all_sets_top_of_range' },
              sets: [
                { type: 'warm_up', repsMin: 10, weightKg: 40, restSeconds: 60 },
                { repsMin: 6, repsMax: 8, weightKg: 80.25, rpeTarget: 8.5, restSeconds: 180 },
                { type: 'failure', repsMin: 8, repsMax: 12, percentE1rm: 65, rirTarget: 0 },
              ],
            },
            { exerciseId: exercise.pullups, sets: [{ repsMin: 5, repsMax: 10 }] },
          ],
        },
        {
          name: 'Lower',
          exercises: [
            {
              exerciseId: exercise.squat,
              progression: { type: 'none' },
              sets: [{ repsMin: 5, percentE1rm: 80 }],
            },
            { exerciseId: exercise.dumbbellPress, sets: [{ type: 'drop', repsMin: 12 }] },
          ],
        },
      ],
    };
    const res = await as(ada).post('/templates', body).expect(201);
    expect(res.headers.location).toBe(`/api/v1/templates/${res.body.id}`);
    expect(res.body).toMatchObject({
      ownerId: ada.id,
      name: 'Upper Lower',
      description: 'Two days, compounds first.',
      goal: 'strength',
      level: 'beginner',
      visibility: 'public',
      featured: false,
      daysPerWeek: 2,
      equipment: ['barbell', 'body only', 'dumbbell'],
      originTemplateId: null,
      favoriteCount: 0,
      duplicateCount: 0,
      useCount: 0,
      popularity: 0,
      isFavorite: false,
      version: 1,
      rating: { count: 0, average: null, yourScore: null },
    });
    const defaults = {
      weightKg: null,
      weight: null,
      percentE1rm: null,
      rpeTarget: null,
      rirTarget: null,
    };
    // A kilogram user reading a kilogram template: `weight` is `weightKg`, exactly.
    expect(res.body).toMatchObject({ weightUnit: 'kg', writtenWeightUnit: 'kg' });
    expect(res.body.days).toEqual([
      {
        name: 'Upper',
        notes: 'Long rests',
        exercises: [
          {
            exerciseId: exercise.bench,
            exerciseName: 'Barbell Bench Press - Medium Grip',
            equipment: 'barbell',
            notes: 'Pause at the chest',
            progression: {
              type: 'linear_load',
              incrementKg: 2.5,
              increment: 2.5,
              when: 'all_sets_top_of_range',
            },
            sets: [
              {
                ...defaults,
                type: 'warm_up',
                repsMin: 10,
                repsMax: 10,
                weightKg: 40,
                weight: 40,
                restSeconds: 60,
              },
              {
                ...defaults,
                type: 'normal',
                repsMin: 6,
                repsMax: 8,
                weightKg: 80.25,
                weight: 80.25,
                rpeTarget: 8.5,
                restSeconds: 180,
              },
              {
                ...defaults,
                type: 'failure',
                repsMin: 8,
                repsMax: 12,
                percentE1rm: 65,
                rirTarget: 0,
                restSeconds: 90,
              },
            ],
          },
          expect.objectContaining({
            exerciseId: exercise.pullups,
            notes: null,
            progression: { type: 'none' },
            sets: [{ ...defaults, type: 'normal', repsMin: 5, repsMax: 10, restSeconds: 90 }],
          }),
        ],
      },
      {
        name: 'Lower',
        notes: null,
        exercises: [
          expect.objectContaining({
            exerciseId: exercise.squat,
            progression: { type: 'none' },
            sets: [
              {
                ...defaults,
                type: 'normal',
                repsMin: 5,
                repsMax: 5,
                percentE1rm: 80,
                restSeconds: 90,
              },
            ],
          }),
          expect.objectContaining({
            exerciseId: exercise.dumbbellPress,
            equipment: 'dumbbell',
            sets: [{ ...defaults, type: 'drop', repsMin: 12, repsMax: 12, restSeconds: 90 }],
          }),
        ],
      },
    ]);
    const again = await as(ada).get(`/templates/${res.body.id}`).expect(200);
    expect(again.body).toEqual(res.body);
  });

  it("reads and writes prescriptions in the reader's unit, rounded to their plates across units", async () => {
    const pounds = await registerUser(api.http);
    await setPreferences(as(pounds), { weightUnit: 'lb' });
    const kilos = await registerUser(api.http);
    const day = (sets: SetBody[], progression: object) => ({
      name: 'Bench',
      exercises: [{ exerciseId: exercise.bench, progression, sets }],
    });

    // A pound author writes pounds: stored in kg (grams), read back exactly.
    const written = (
      await as(pounds)
        .post('/templates', {
          ...simple({ visibility: 'public' }),
          days: [
            day(
              [
                { repsMin: 5, weight: 135 },
                { repsMin: 5, weight: 137.5 },
                { repsMin: 5, weightKg: 60 },
              ],
              {
                type: 'linear_load',
                increment: 5,
                when: 'all_sets_completed',
              },
            ),
          ],
        })
        .expect(201)
    ).body;
    expect(written).toMatchObject({ weightUnit: 'lb', writtenWeightUnit: 'lb' });
    const bench = (t: { days: { exercises: ExerciseBody[] }[] }) => t.days[0].exercises[0];
    expect(bench(written).sets.map((set) => [set.weight, set.weightKg])).toEqual([
      [135, 61.235],
      [137.5, 62.369],
      [132.28, 60],
    ]);
    expect(bench(written).progression).toEqual({
      type: 'linear_load',
      incrementKg: 2.268,
      increment: 5,
      when: 'all_sets_completed',
    });

    // A kilogram reader sees kilograms rounded to 2.5 kg plates; the increment converted.
    const read = (await as(kilos).get(`/templates/${written.id}`).expect(200)).body;
    expect(read).toMatchObject({ weightUnit: 'kg', writtenWeightUnit: 'lb' });
    expect(bench(read).sets.map((set) => [set.weight, set.weightKg])).toEqual([
      [60, 61.235],
      [62.5, 62.369],
      [60, 60],
    ]);
    expect(bench(read).progression).toMatchObject({ incrementKg: 2.268, increment: 2.27 });

    // And the other way round: 60 kg is 132.28 lb, loaded as 130 lb; 62.5 kg as 140 lb.
    const metric = (
      await as(kilos)
        .post('/templates', {
          ...simple({ visibility: 'public' }),
          days: [
            day(
              [
                { repsMin: 5, weightKg: 60 },
                { repsMin: 5, weight: 62.5 },
              ],
              {
                type: 'linear_load',
                incrementKg: 2.5,
                when: 'all_sets_top_of_range',
              },
            ),
          ],
        })
        .expect(201)
    ).body;
    const inPounds = (await as(pounds).get(`/templates/${metric.id}`).expect(200)).body;
    expect(bench(inPounds).sets.map((set) => set.weight)).toEqual([130, 140]);
    expect(bench(inPounds).progression).toMatchObject({ incrementKg: 2.5, increment: 5.51 });

    // A copy keeps the numbers as written, and so their unit.
    const copy = (await as(kilos).post(`/templates/${written.id}/duplicate`, {}).expect(201)).body;
    expect(copy).toMatchObject({ weightUnit: 'kg', writtenWeightUnit: 'lb' });

    // Limits apply once converted, on the field sent; the load and the increment are one of each.
    const invalid = await as(pounds)
      .post('/templates', {
        ...simple(),
        days: [
          day(
            [
              { repsMin: 5, weight: 2300 },
              { repsMin: 5, weight: 100, weightKg: 45 },
            ],
            {
              type: 'linear_load',
              increment: 60,
              when: 'all_sets_completed',
            },
          ),
          day([{ repsMin: 5, weight: 100, percentE1rm: 70 }], {
            type: 'linear_load',
            increment: 5,
            incrementKg: 2.5,
            when: 'all_sets_completed',
          }),
          day([{ repsMin: 5 }], { type: 'linear_load', when: 'all_sets_completed' }),
        ],
      })
      .expect(400);
    expect(invalid.body.errors).toEqual([
      {
        field: 'days.0.exercises.0.sets.1.weight',
        messages: ['weight and weightKg are exclusive: set only one of them'],
      },
      {
        field: 'days.1.exercises.0.progression.increment',
        messages: ['increment and incrementKg are exclusive: set only one of them'],
      },
      {
        field: 'days.1.exercises.0.sets.0.percentE1rm',
        messages: ['percentE1rm and weight are exclusive: set only one of them'],
      },
      {
        field: 'days.2.exercises.0.progression.incrementKg',
        messages: expect.arrayContaining(['incrementKg must not be less than 0.25']),
      },
    ]);
    const tooHeavy = await as(pounds)
      .post('/templates', {
        ...simple(),
        days: [
          day([{ repsMin: 5, weight: 2300 }], {
            type: 'linear_load',
            increment: 60,
            when: 'all_sets_completed',
          }),
        ],
      })
      .expect(400);
    expect(tooHeavy.body.errors).toEqual([
      {
        field: 'days.0.exercises.0.progression.increment',
        messages: ['increment must not be more than 55.12 lb'],
      },
      {
        field: 'days.0.exercises.0.sets.0.weight',
        messages: ['weight must not be more than 2204.62 lb'],
      },
    ]);
  });

  it('replaces a template with PUT; a stale version is a 409 naming the current one', async () => {
    const ada = await registerUser(api.http);
    const created = await create(ada);

    const replaced = await as(ada)
      .put(`/templates/${created.id}`, {
        ...simple({ name: 'Renamed', goal: 'endurance', version: 1 }),
        days: [
          { name: 'One', exercises: [{ exerciseId: exercise.pushups, sets: [{ repsMin: 20 }] }] },
          { name: 'Two', exercises: [{ exerciseId: exercise.kettlebell, sets: [{ repsMin: 8 }] }] },
        ],
      })
      .expect(200);
    expect(replaced.body).toMatchObject({
      id: created.id,
      name: 'Renamed',
      goal: 'endurance',
      version: 2,
      daysPerWeek: 2,
      equipment: ['body only', 'kettlebells'],
    });
    expect(replaced.body.days.map((d: DayBody) => d.name)).toEqual(['One', 'Two']);
    expect((await as(ada).get(`/templates/${created.id}`).expect(200)).body).toEqual(replaced.body);

    const stale = await as(ada)
      .put(`/templates/${created.id}`, simple({ name: 'Lost update', version: 1 }))
      .expect(409);
    expect(stale.headers['content-type']).toMatch(PROBLEM);
    expect(stale.body).toMatchObject({
      type: 'urn:fitai:problem:version-conflict',
      currentVersion: 2,
    });
    expect((await as(ada).get(`/templates/${created.id}`)).body.name).toBe('Renamed');

    // A replacement is validated like a creation, and a refused one changes nothing.
    const unknownExercise = simple({ version: 2 });
    unknownExercise.days[0].exercises[0].exerciseId = randomUUID();
    const invalid = await as(ada).put(`/templates/${created.id}`, unknownExercise).expect(400);
    expect(errorFields(invalid)).toEqual(['days.0.exercises.0.exerciseId']);

    // Two edits of the same version race: the row lock lets exactly one of them win.
    const raced = await Promise.all(
      ['First', 'Second'].map((name) =>
        as(ada).put(`/templates/${created.id}`, simple({ name, version: 2 })),
      ),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409]);

    // Without a version the edit applies to whatever is current.
    const forced = await as(ada).put(`/templates/${created.id}`, simple()).expect(200);
    expect(forced.body).toMatchObject({ version: 4, daysPerWeek: 1, equipment: ['barbell'] });
  });

  describe('rejects invalid templates with the path of every bad field', () => {
    let ada: TestUser;
    beforeAll(async () => {
      ada = await registerUser(api.http);
    });

    /** A valid two-day template, changed by `patch`. */
    const valid = (patch: (t: TemplateBody) => void): TemplateBody => {
      const template = simple();
      template.days.push({
        name: 'B',
        exercises: [
          { exerciseId: exercise.squat, sets: [{ repsMin: 5 }, { repsMin: 3, weightKg: 100 }] },
        ],
      });
      patch(template);
      return template;
    };

    const expectFieldErrors = async (body: TemplateBody, fields: string[]) => {
      const res = await as(ada).post('/templates', body).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.type).toBe('urn:fitai:problem:validation-failed');
      expect(errorFields(res)).toEqual(fields);
      return res.body.errors as { field: string; messages: string[] }[];
    };

    it('a rep range upside down', async () => {
      const errors = await expectFieldErrors(
        valid((t) => (t.days[1].exercises[0].sets[1] = { repsMin: 12, repsMax: 8 })),
        ['days.1.exercises.0.sets.1.repsMax'],
      );
      expect(errors[0].messages).toEqual(['repsMax must not be less than repsMin']);
    });

    it('unknown exercises, and exercises of others that are not approved', async () => {
      const stranger = await registerUser(api.http);
      const [{ id: theirs }] = await db.query(
        `INSERT INTO exercises (slug, name, level, category, primary_muscles, secondary_muscles, source, status, created_by_id)
         VALUES ($1, 'Their Own Press', 'beginner', 'strength', '{chest}', '{}', 'user', 'pending', $2) RETURNING id`,
        [`tpl-${randomUUID()}`, stranger.id],
      );
      const errors = await expectFieldErrors(
        valid((t) => {
          t.days[0].exercises[0].exerciseId = randomUUID();
          t.days[1].exercises[0].exerciseId = theirs;
        }),
        ['days.0.exercises.0.exerciseId', 'days.1.exercises.0.exerciseId'],
      );
      expect(errors[0].messages).toEqual(['exerciseId does not name an exercise you can use']);
      // Their creator may use it, in a private template only.
      await as(stranger)
        .post(
          '/templates',
          valid((t) => (t.days[1].exercises[0].exerciseId = theirs)),
        )
        .expect(201);
      const publicOne = await as(stranger)
        .post(
          '/templates',
          valid((t) => {
            t.visibility = 'public';
            t.days[1].exercises[0].exerciseId = theirs;
          }),
        )
        .expect(400);
      expect(publicOne.body.errors).toEqual([
        {
          field: 'days.1.exercises.0.exerciseId',
          messages: ['a public template can only use approved exercises'],
        },
      ]);
    });

    it('empty days, days without exercises, exercises without sets', async () => {
      await expectFieldErrors(
        valid((t) => (t.days = [])),
        ['days'],
      );
      await expectFieldErrors(
        valid((t) => {
          t.days[0].exercises = [];
          t.days[1].exercises[0].sets = [];
        }),
        ['days.0.exercises', 'days.1.exercises.0.sets'],
      );
    });

    it('a weight and a %e1RM on one set, an RPE and a RIR on another', async () => {
      const errors = await expectFieldErrors(
        valid((t) => {
          Object.assign(t.days[1].exercises[0].sets[1], { percentE1rm: 80 });
          Object.assign(t.days[1].exercises[0].sets[0], { rpeTarget: 8, rirTarget: 2 });
        }),
        ['days.1.exercises.0.sets.0.rirTarget', 'days.1.exercises.0.sets.1.percentE1rm'],
      );
      expect(errors[1].messages).toEqual([
        'percentE1rm and weightKg are exclusive: set only one of them',
      ]);
    });

    it('absurd numbers', async () => {
      await expectFieldErrors(
        valid((t) => {
          t.days[0].exercises[0].sets[0] = {
            repsMin: 500,
            weightKg: 5000,
            rpeTarget: 9.7,
            restSeconds: 86400,
          };
          t.days[1].exercises[0].sets[1] = { repsMin: 0, percentE1rm: 300, rirTarget: -1 };
          t.days[1].exercises[0].progression = {
            type: 'linear_load',
            incrementKg: 100,
            when: 'always',
          };
        }),
        [
          'days.0.exercises.0.sets.0.repsMin',
          'days.0.exercises.0.sets.0.weightKg',
          'days.0.exercises.0.sets.0.rpeTarget',
          'days.0.exercises.0.sets.0.restSeconds',
          'days.1.exercises.0.progression.incrementKg',
          'days.1.exercises.0.progression.when',
          'days.1.exercises.0.sets.1.repsMin',
          'days.1.exercises.0.sets.1.percentE1rm',
          'days.1.exercises.0.sets.1.rirTarget',
        ],
      );
      await expectFieldErrors(
        valid((t) => (t.days = Array(11).fill(t.days[0]))),
        ['days'],
      );
    });

    it('unknown fields and unknown progression rules', async () => {
      await expectFieldErrors(
        valid((t) => {
          t.owner = 'me';
          t.days[1].exercises[0].sets[0].tempo = '3-1-1';
          t.days[0].exercises[0].progression = { type: 'wave', weeks: 3 };
        }),
        [
          'owner',
          'days.0.exercises.0.progression.weeks',
          'days.0.exercises.0.progression.type',
          'days.1.exercises.0.sets.0.tempo',
        ],
      );
    });
  });

  it("hides someone else's private template on every route", async () => {
    const ada = await registerUser(api.http);
    const eve = await registerUser(api.http);
    const secret = await create(ada, simple({ name: 'Secret' }));
    const path = `/templates/${secret.id}`;

    const attempts: [string, request.Test][] = [
      ['GET', as(eve).get(path)],
      ['PUT', as(eve).put(path, simple())],
      ['DELETE', as(eve).delete(path)],
      ['POST favorite', as(eve).post(`${path}/favorite`)],
      ['DELETE favorite', as(eve).delete(`${path}/favorite`)],
      ['POST duplicate', as(eve).post(`${path}/duplicate`)],
      ['POST rate', as(eve).post(`${path}/rate`, { score: 5 })],
    ];
    for (const [route, attempt] of attempts) {
      const res = await attempt;
      expect({ route, status: res.status }).toEqual({ route, status: 404 });
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
    expect(ids(await as(eve).get('/templates', { limit: 100 }))).not.toContain(secret.id);
    expect(ids(await as(eve).get('/templates/public', { limit: 100 }))).not.toContain(secret.id);

    // The owner still has it, untouched.
    expect(ids(await as(ada).get('/templates', { limit: 100 }))).toContain(secret.id);
    const mine = await as(ada).get(path).expect(200);
    expect(mine.body).toMatchObject({ version: 1, favoriteCount: 0, duplicateCount: 0 });
  });

  it('shows public templates to everyone, but only the owner may change or delete them', async () => {
    const ada = await registerUser(api.http);
    const eve = await registerUser(api.http);
    const shared = await create(ada, simple({ visibility: 'public' }));
    const path = `/templates/${shared.id}`;

    await as(eve).get(path).expect(200);
    expect(ids(await as(eve).get('/templates', { limit: 100 }))).toContain(shared.id);
    const put = await as(eve)
      .put(path, simple({ name: 'Mine now' }))
      .expect(403);
    expect(put.body.type).toBe('urn:fitai:problem:forbidden');
    await as(eve).delete(path).expect(403);
    expect((await as(ada).get(path)).body).toMatchObject({ name: 'Simple', version: 1 });
  });

  it('duplicates a template into a private copy that remembers its origin', async () => {
    const ada = await registerUser(api.http);
    const eve = await registerUser(api.http);
    const source = await as(ada)
      .post('/templates', {
        ...simple({ visibility: 'public', name: 'Push Day', description: 'Heavy' }),
        days: [
          {
            name: 'Push',
            exercises: [
              {
                exerciseId: exercise.bench,
                progression: { type: 'linear_load', incrementKg: 5, when: 'all_sets_completed' },
                sets: [
                  { repsMin: 5, weightKg: 100 },
                  { repsMin: 8, repsMax: 10, rirTarget: 2 },
                ],
              },
              { exerciseId: exercise.pushups, sets: [{ type: 'failure', repsMin: 10 }] },
            ],
          },
        ],
      })
      .expect(201);

    const copy = await as(eve).post(`/templates/${source.body.id}/duplicate`).expect(201);
    expect(copy.headers.location).toBe(`/api/v1/templates/${copy.body.id}`);
    expect(copy.body).toMatchObject({
      ownerId: eve.id,
      name: 'Push Day (copy)',
      description: 'Heavy',
      visibility: 'private',
      originTemplateId: source.body.id,
      daysPerWeek: 1,
      equipment: ['barbell', 'body only'],
      duplicateCount: 0,
      version: 1,
    });
    expect(copy.body.id).not.toBe(source.body.id);
    expect(copy.body.days).toEqual(source.body.days);

    const named = await as(eve)
      .post(`/templates/${source.body.id}/duplicate`, { name: 'My push' })
      .expect(201);
    expect(named.body).toMatchObject({ name: 'My push', originTemplateId: source.body.id });
    expect((await as(ada).get(`/templates/${source.body.id}`)).body).toMatchObject({
      duplicateCount: 2,
      popularity: 2,
      version: 1, // counters are not edits
    });

    // The copy is the caller's own: editable by them, invisible to the original's owner.
    await as(eve)
      .put(`/templates/${copy.body.id}`, simple({ name: 'Tweaked' }))
      .expect(200);
    await as(ada).get(`/templates/${copy.body.id}`).expect(404);
    await as(eve).post(`/templates/${source.body.id}/duplicate`, { name: '' }).expect(400);
  });

  it('copies at once more times than the database pool has connections', async () => {
    const ada = await registerUser(api.http);
    const source = await as(ada)
      .post('/templates', simple({ name: 'Busy' }))
      .expect(201);
    // Each copy holds a connection for its transaction: it must need no second one.
    const copies = await Promise.all(
      Array.from({ length: api.config.database.poolSize * 2 }, () =>
        as(ada).post(`/templates/${source.body.id}/duplicate`),
      ),
    );
    expect(copies.map((res) => res.status)).toEqual(copies.map(() => 201));
    expect(copies[0].body.days).toEqual(source.body.days);
  });

  it('favourites idempotently, counting every user once', async () => {
    const ada = await registerUser(api.http);
    const bob = await registerUser(api.http);
    const cat = await registerUser(api.http);
    const template = await create(ada, simple({ visibility: 'public' }));
    const path = `/templates/${template.id}/favorite`;

    const first = await as(bob).post(path).expect(201);
    expect(first.body).toEqual({ templateId: template.id, isFavorite: true, favoriteCount: 1 });
    const repeat = await as(bob).post(path).expect(200);
    expect(repeat.body.favoriteCount).toBe(1);
    // Racing requests of one user still count once.
    const raced = await Promise.all([1, 2, 3, 4].map(() => as(cat).post(path)));
    expect(raced.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);

    expect((await as(bob).get(`/templates/${template.id}`)).body).toMatchObject({
      favoriteCount: 2,
      isFavorite: true,
      popularity: 2,
      version: 1,
    });
    expect((await as(ada).get(`/templates/${template.id}`)).body.isFavorite).toBe(false);
    expect(ids(await as(bob).get('/templates', { favorites: true }))).toEqual([template.id]);
    expect(ids(await as(ada).get('/templates', { favorites: true }))).toEqual([]);

    await as(bob).delete(path).expect(204);
    await as(bob).delete(path).expect(204);
    const after = await as(ada).get(`/templates/${template.id}`);
    expect(after.body.favoriteCount).toBe(1);
    expect(ids(await as(bob).get('/templates', { favorites: true }))).toEqual([]);
  });

  it('keeps one replaceable vote per user and summarises the votes with the Bayesian average', async () => {
    const ada = await registerUser(api.http);
    const [bob, cat] = [await registerUser(api.http), await registerUser(api.http)];
    const template = await create(ada, simple({ visibility: 'public' }));
    const path = `/templates/${template.id}/rate`;

    const own = await as(ada).post(path, { score: 5 }).expect(403);
    expect(own.headers['content-type']).toMatch(PROBLEM);
    const invalid = await as(bob).post(path, { score: 6 }).expect(400);
    expect(errorFields(invalid)).toEqual(['score']);

    await as(bob).post(path, { score: 5 }).expect(200);
    await Promise.all([as(cat).post(path, { score: 3 }), as(cat).post(path, { score: 3 })]);
    let mean = await priorMean();
    let summary = (await as(cat).get(`/templates/${template.id}`)).body.rating;
    // (5 × prior + 5 + 3) / (5 + 2)
    expect(summary).toEqual({
      count: 2,
      average: 4,
      weightedAverage: round2((5 * mean + 8) / 7),
      yourScore: 3,
    });

    const changed = await as(bob).post(path, { score: 1 }).expect(200);
    mean = await priorMean();
    expect(changed.body).toEqual({
      count: 2,
      average: 2,
      weightedAverage: round2((5 * mean + 4) / 7),
      yourScore: 1,
    });
    summary = (await as(ada).get(`/templates/${template.id}`)).body;
    expect(summary).toMatchObject({
      version: 1,
      rating: { count: 2, average: 2, yourScore: null },
    });
  });

  describe('public listings', () => {
    // Every template of this block is an expert endurance template needing kettlebells, a
    // combination no other test uses, so the filters isolate it from the rest of the run.
    const filter = { goal: 'endurance', level: 'expert', equipment: 'kettlebells' };
    const kettlebellTemplate = (name: string, days = 1): TemplateBody =>
      simple({
        name,
        visibility: 'public',
        goal: 'endurance',
        level: 'expert',
        days: Array.from({ length: days }, (_, i) => ({
          name: `Day ${i + 1}`,
          exercises: [{ exerciseId: exercise.kettlebell, sets: [{ repsMin: 15 }] }],
        })),
      });
    let ada: TestUser;
    let viewer: TestUser;
    let manyGood: Created;
    let oneFive: Created;
    let unrated: Created;
    let oneBad: Created;

    beforeAll(async () => {
      ada = await registerUser(api.http);
      viewer = await registerUser(api.http);
      manyGood = await create(ada, kettlebellTemplate('Many good votes'));
      oneFive = await create(ada, kettlebellTemplate('One five', 2));
      unrated = await create(ada, kettlebellTemplate('Unrated', 3));
      oneBad = await create(ada, kettlebellTemplate('One bad'));
      const voters = await Promise.all(Array.from({ length: 8 }, () => registerUser(api.http)));
      await Promise.all(
        voters.map((voter, i) =>
          as(voter)
            .post(`/templates/${manyGood.id}/rate`, { score: i === 0 ? 4 : 5 })
            .expect(200),
        ),
      );
      await as(voters[0]).post(`/templates/${oneFive.id}/rate`, { score: 5 }).expect(200);
      await as(voters[0]).post(`/templates/${oneBad.id}/rate`, { score: 1 }).expect(200);
      // Popularity: two favourites for "Unrated", one duplicate for "One bad".
      await as(voters[1]).post(`/templates/${unrated.id}/favorite`).expect(201);
      await as(voters[2]).post(`/templates/${unrated.id}/favorite`).expect(201);
      await as(voters[1]).post(`/templates/${oneBad.id}/duplicate`).expect(201);
    });

    it('sorts by rating with the Bayesian average: many good votes beat a single 5', async () => {
      const res = await as(viewer)
        .get('/templates/public', { ...filter, sort: 'rating' })
        .expect(200);
      expect(ids(res)).toEqual([manyGood.id, oneFive.id, unrated.id, oneBad.id]);
      // By plain mean "One five" (5.0) would come first; weighted, 39/8 beats 5/1.
      const mean = await priorMean();
      const [first, second] = res.body.items;
      expect(first.rating).toMatchObject({ count: 8, average: 4.88 });
      expect(first.rating.weightedAverage).toBe(round2((5 * mean + 39) / 13));
      expect(second.rating).toMatchObject({ count: 1, average: 5 });
      expect(second.rating.weightedAverage).toBe(round2((5 * mean + 5) / 6));
    });

    it('sorts by popularity and, by default, newest first', async () => {
      const popular = await as(viewer).get('/templates/public', { ...filter, sort: 'popularity' });
      expect(ids(popular).slice(0, 2)).toEqual([unrated.id, oneBad.id]);
      expect(popular.body.items[0].popularity).toBe(2);
      const newest = await as(viewer).get('/templates/public', filter).expect(200);
      expect(ids(newest)).toEqual([oneBad.id, unrated.id, oneFive.id, manyGood.id]);
      expect(newest.body.meta).toEqual({ page: 1, limit: 20, total: 4, totalPages: 1 });
      const page2 = await as(viewer).get('/templates/public', { ...filter, limit: 3, page: 2 });
      expect(ids(page2)).toEqual([manyGood.id]);
    });

    it('filters by days per week and by the equipment one has', async () => {
      const twoDays = await as(viewer).get('/templates/public', { ...filter, daysPerWeek: 2 });
      expect(ids(twoDays)).toEqual([oneFive.id]);

      const mixed = await create(
        ada,
        simple({
          name: 'Kettlebell and barbell',
          visibility: 'public',
          goal: 'endurance',
          level: 'expert',
          days: [
            {
              name: 'A',
              exercises: [
                { exerciseId: exercise.kettlebell, sets: [{ repsMin: 10 }] },
                { exerciseId: exercise.squat, sets: [{ repsMin: 5 }] },
              ],
            },
          ],
        }),
      );
      // Only templates that need nothing beyond the listed equipment.
      expect(ids(await as(viewer).get('/templates/public', filter))).not.toContain(mixed.id);
      const both = await as(viewer).get('/templates/public', {
        ...filter,
        equipment: 'kettlebells,barbell',
      });
      expect(ids(both)[0]).toBe(mixed.id);
      expect(ids(both)).toHaveLength(5);
      const repeated = await as(viewer)
        .get(
          '/templates/public?goal=endurance&level=expert&equipment=barbell&equipment=kettlebells',
        )
        .expect(200);
      expect(ids(repeated)).toEqual(ids(both));

      const bad = await as(viewer).get('/templates/public', {
        equipment: 'spaceship',
        sort: 'best',
      });
      expect(bad.status).toBe(400);
      expect(errorFields(bad)).toEqual(['equipment', 'sort']);
    });
  });

  it('lists the featured templates, curated by admins only', async () => {
    const ada = await registerUser(api.http);
    const admin = await registerAdmin(api);
    const template = await create(ada, simple({ visibility: 'public', name: 'Featured one' }));
    const path = `/admin/templates/${template.id}/featured`;

    await as(ada).put(path, { featured: true }).expect(403);
    const featured = await as(admin).put(path, { featured: true }).expect(200);
    expect(featured.body).toMatchObject({ id: template.id, featured: true, version: 1 });
    expect(ids(await as(ada).get('/templates/featured', { limit: 100 }))).toContain(template.id);

    // Taken private by its owner, it leaves the featured list and cannot be featured again.
    await as(ada)
      .put(`/templates/${template.id}`, simple({ visibility: 'private' }))
      .expect(200);
    expect(ids(await as(ada).get('/templates/featured', { limit: 100 }))).not.toContain(
      template.id,
    );
    expect((await as(ada).get(`/templates/${template.id}`)).body.featured).toBe(false);
    const refused = await as(admin).put(path, { featured: true }).expect(409);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    await as(admin).put(path, { featured: false }).expect(200);
    await as(admin)
      .put(`/admin/templates/${randomUUID()}/featured`, { featured: true })
      .expect(404);
    await as(admin).put(path, { featured: 'yes' }).expect(400);
  });

  it("lists the caller's own templates, private and public, newest first", async () => {
    const ada = await registerUser(api.http);
    const eve = await registerUser(api.http);
    const first = await create(ada, simple({ name: 'Private one' }));
    const second = await create(ada, simple({ name: 'Public one', visibility: 'public' }));
    await create(eve);

    const mine = await as(ada).get('/templates/my').expect(200);
    expect(ids(mine)).toEqual([second.id, first.id]);
    expect(mine.body.meta.total).toBe(2);
    // Not a filter: ignored, as every unknown query parameter (docs/errors.md).
    const all = await as(ada).get('/templates/my', { visibility: 'public' }).expect(200);
    expect(ids(all)).toEqual([second.id, first.id]);
  });

  it('soft-deletes: gone from lists and 404, while favourites and copies stay intact', async () => {
    const ada = await registerUser(api.http);
    const eve = await registerUser(api.http);
    const template = await create(ada, simple({ visibility: 'public' }));
    const path = `/templates/${template.id}`;
    await as(eve).post(`${path}/favorite`).expect(201);
    const copy = await as(eve).post(`${path}/duplicate`).expect(201);

    await as(ada).delete(path).expect(204);
    await as(ada).get(path).expect(404);
    await as(eve).get(path).expect(404);
    await as(ada).delete(path).expect(404);
    expect(ids(await as(ada).get('/templates/my'))).not.toContain(template.id);
    expect(ids(await as(eve).get('/templates/public', { limit: 100 }))).not.toContain(template.id);
    expect(ids(await as(eve).get('/templates', { favorites: true }))).toEqual([]);

    // The copy keeps its origin id; the favourite can still be cleared, once.
    const kept = await as(eve).get(`/templates/${copy.body.id}`).expect(200);
    expect(kept.body.originTemplateId).toBe(template.id);
    await as(eve).delete(`${path}/favorite`).expect(204);
    await as(eve).delete(`${path}/favorite`).expect(404);
    const [row] = await db.query('SELECT deleted_at FROM templates WHERE id = $1', [template.id]);
    expect(row.deleted_at).toBeInstanceOf(Date);
  });
});
