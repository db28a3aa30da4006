import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  ExerciseRecord,
  readExerciseFile,
  seedExercises,
} from '../src/modules/exercises/exercise-seeder';
import { ApiClient, apiClient, Query } from './support/api-client';
import { BENCH_PRESS, libraryExerciseIds } from './support/fixtures';
import { errorFields } from './support/problem';
import { registerUser, startApi, TestApi, TestUser } from './support/test-app';

const DATA_FILE = join(__dirname, '..', 'data', 'exercises.json');

describe('exercise library (e2e)', () => {
  let api: TestApi;
  let user: TestUser;
  let client: ApiClient;
  let records: ExerciseRecord[];
  let db: DataSource;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    records = await readExerciseFile(DATA_FILE);
    user = await registerUser(api.http);
    client = apiClient(api.http, user);
    // Idempotent: whichever test runs first finds the library loaded.
    await seedExercises(db, records);
    await db.query(
      `INSERT INTO exercises (slug, name, level, category, primary_muscles, secondary_muscles, source, status, created_by_id)
       VALUES ('user-own-press', 'My Own Press', 'beginner', 'strength', '{chest}', '{}', 'user', 'pending', $1)`,
      [user.id],
    );
  });
  afterAll(() => api.close());

  const get = (path: string, query: Query = {}) => client.get(path, query);

  it('has seeded the 873 exercises of the data set, and another run changes nothing', async () => {
    expect(await seedExercises(db, records)).toEqual({
      total: 873,
      inserted: 0,
      updated: 0,
      unchanged: 873,
    });
    const [{ count }] = await db.query(
      "SELECT count(*)::int AS count FROM exercises WHERE source = 'library'",
    );
    expect(count).toBe(873);
  });

  it('updates a changed record and leaves user-made exercises alone', async () => {
    const changed = records.map((r) =>
      r.id === '3_4_Sit-Up' ? { ...r, level: 'intermediate' } : r,
    );
    expect(await seedExercises(db, changed)).toEqual({
      total: 873,
      inserted: 0,
      updated: 1,
      unchanged: 872,
    });
    await seedExercises(db, records);
    const [own] = await db.query(
      "SELECT name, status FROM exercises WHERE slug = 'user-own-press'",
    );
    expect(own).toEqual({ name: 'My Own Press', status: 'pending' });
  });

  it('lists every filter value with counts: the 17 muscles and 12 equipment values', async () => {
    const res = await get('/exercises/filters').expect(200);
    expect(res.body.muscles).toHaveLength(17);
    expect(res.body.equipment).toHaveLength(12);
    expect(res.body.categories).toHaveLength(7);
    expect(res.body.levels.map((l: { value: string }) => l.value).sort()).toEqual([
      'beginner',
      'expert',
      'intermediate',
    ]);
    // 170 in the data set; other test files may add approved exercises meanwhile.
    const barbell = res.body.equipment.find((e: { value: string }) => e.value === 'barbell');
    expect(barbell.count).toBeGreaterThanOrEqual(170);
  });

  it('finds barbell bench press variants first for the typo "bench pres"', async () => {
    const res = await client
      .post('/exercises/search', { query: 'bench pres', limit: 5 })
      .expect(200);
    expect(res.body.items).toHaveLength(5);
    for (const exercise of res.body.items) {
      expect(exercise.name).toMatch(/bench press/i);
      expect(exercise.equipment).toBe('barbell');
    }
    expect(res.body.meta.total).toBeGreaterThan(10);

    const dumbbells = await client
      .post('/exercises/search', { query: 'bench pres', equipment: 'dumbbell' })
      .expect(200);
    expect(
      dumbbells.body.items.every((e: { equipment: string }) => e.equipment === 'dumbbell'),
    ).toBe(true);
    expect(dumbbells.body.items[0].name).toMatch(/bench press/i);
  });

  it('filters by muscle (primary or secondary), equipment, level and name, with pages', async () => {
    const triceps = await get('/exercises/muscle/triceps', { limit: 100 }).expect(200);
    expect(triceps.body.meta.total).toBeGreaterThan(50);
    for (const e of triceps.body.items) {
      expect([...e.primaryMuscles, ...e.secondaryMuscles]).toContain('triceps');
    }
    const kettlebell = await get('/exercises/equipment/kettlebells', { level: 'beginner' }).expect(
      200,
    );
    expect(
      kettlebell.body.items.every(
        (e: { equipment: string; level: string }) =>
          e.equipment === 'kettlebells' && e.level === 'beginner',
      ),
    ).toBe(true);

    const curls = await get('/exercises', {
      text: 'CURL',
      category: 'strength',
      limit: 10,
      page: 2,
    }).expect(200);
    expect(curls.body.meta).toMatchObject({ page: 2, limit: 10 });
    expect(curls.body.items.every((e: { name: string }) => /curl/i.test(e.name))).toBe(true);

    const all = await get('/exercises', { limit: 100 }).expect(200);
    expect(all.body.meta.total).toBeGreaterThan(873); // the library + the caller's own exercise
    const own = await get('/exercises', { text: 'My Own Press' }).expect(200);
    expect(own.body.meta.total).toBe(1);
    const stranger = await registerUser(api.http);
    const theirs = await apiClient(api.http, stranger)
      .get('/exercises', { text: 'My Own Press' })
      .expect(200);
    expect(theirs.body.meta.total).toBe(0); // someone else's pending exercise is not visible
    const names = all.body.items.map((e: { name: string }) => e.name);
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
  });

  it('shows one exercise, hides unapproved ones of others, and validates input', async () => {
    const { bench } = await libraryExerciseIds(db, { bench: BENCH_PRESS });
    const one = await get(`/exercises/${bench}`).expect(200);
    expect(one.body).toMatchObject({
      name: 'Barbell Bench Press - Medium Grip',
      equipment: 'barbell',
      primaryMuscles: ['chest'],
    });
    expect(one.body.instructions.length).toBeGreaterThan(2);

    const [own] = await db.query("SELECT id FROM exercises WHERE slug = 'user-own-press'");
    await get(`/exercises/${own.id}`).expect(200);
    const stranger = await registerUser(api.http);
    await apiClient(api.http, stranger).get(`/exercises/${own.id}`).expect(404);

    const bad = await get('/exercises', { muscle: 'wings', equipment: 'spaceship' }).expect(400);
    expect(errorFields(bad).sort()).toEqual(['equipment', 'muscle']);
    await get('/exercises/muscle/wings').expect(400);
    await get('/exercises/not-a-uuid').expect(400);
  });
});
