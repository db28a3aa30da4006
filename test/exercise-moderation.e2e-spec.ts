import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { apiClient } from './support/api-client';
import { BENCH_PRESS, libraryExerciseIds } from './support/fixtures';
import { errorFields } from './support/problem';
import { registerAdmin, registerUser, startApi, TestApi, TestUser } from './support/test-app';

/** User-made exercises: private until approved, edits, soft delete, and the library cache. */
describe('user-made exercises and moderation (e2e)', () => {
  let api: TestApi;
  let admin: TestUser;

  beforeAll(async () => {
    api = await startApi();
    admin = await registerAdmin(api);
  });
  afterAll(() => api.close());

  const call = (user: TestUser) => apiClient(api.http, user);

  /** A name no other test uses, close to the library's "Goblet Squat". */
  const uniqueName = () => `Goblet Squat ${randomUUID().slice(0, 6)}`;

  const exercise = (name: string) => ({
    name,
    category: 'strength',
    level: 'beginner',
    equipment: 'kettlebells',
    primaryMuscles: ['quadriceps'],
    secondaryMuscles: ['glutes'],
    instructions: ['Hold the kettlebell at your chest.', 'Squat down slowly.'],
  });

  const visibleTo = async (user: TestUser, id: string, name: string) => {
    const one = await call(user).get(`/exercises/${id}`);
    const listed = await call(user).get('/exercises', { text: name }).expect(200);
    const searched = await call(user).post('/exercises/search', { query: name }).expect(200);
    const inList = listed.body.items.some((e: { id: string }) => e.id === id);
    const inSearch = searched.body.items.some((e: { id: string }) => e.id === id);
    expect(inList).toBe(one.status === 200);
    expect(inSearch).toBe(one.status === 200);
    return one.status === 200;
  };

  it('keeps a new exercise private until an admin approves it, flagging near-duplicates', async () => {
    const [creator, stranger] = [
      await registerUser(api.http, { displayName: 'Grace' }),
      await registerUser(api.http),
    ];
    const name = uniqueName();
    const created = await call(creator).post('/exercises', exercise(name)).expect(201);
    expect(created.body).toMatchObject({
      name,
      status: 'pending',
      source: 'user',
      createdById: creator.id,
      reviewNote: null,
    });
    expect(created.body.nearDuplicates[0]).toMatchObject({ name: 'Goblet Squat' });
    expect(created.body.nearDuplicates[0].similarity).toBeGreaterThanOrEqual(0.5);
    const id = created.body.id as string;

    expect(await visibleTo(creator, id, name)).toBe(true);
    expect(await visibleTo(stranger, id, name)).toBe(false);

    // The reviewer sees it in the queue with the same flag; the queue is for admins only.
    await call(creator).get('/admin/exercises/pending').expect(403);
    const queue = await call(admin).get('/admin/exercises/pending', { limit: 100 }).expect(200);
    const queued = queue.body.items.find((e: { id: string }) => e.id === id);
    expect(queued).toMatchObject({
      status: 'pending',
      createdById: creator.id,
      createdByName: 'Grace',
    });
    expect(queued.nearDuplicates.map((d: { name: string }) => d.name)).toContain('Goblet Squat');
    expect(Date.parse(queued.submittedAt)).not.toBeNaN();

    await call(creator).put(`/admin/exercises/${id}/review`, { decision: 'approve' }).expect(403);
    const approved = await call(admin)
      .put(`/admin/exercises/${id}/review`, { decision: 'approve' })
      .expect(200);
    expect(approved.body.status).toBe('approved');
    expect(await visibleTo(stranger, id, name)).toBe(true);

    const again = await call(admin)
      .put(`/admin/exercises/${id}/review`, { decision: 'reject', note: 'Too late' })
      .expect(409);
    expect(again.body.type).toBe('urn:fitai:problem:not-pending-review');
    const after = await call(admin).get('/admin/exercises/pending', { limit: 100 }).expect(200);
    expect(after.body.items.some((e: { id: string }) => e.id === id)).toBe(false);
  });

  it('keeps a rejected exercise private, with the reviewer note for its creator', async () => {
    const [creator, stranger] = [await registerUser(api.http), await registerUser(api.http)];
    const name = uniqueName();
    const { body } = await call(creator).post('/exercises', exercise(name)).expect(201);

    const noNote = await call(admin)
      .put(`/admin/exercises/${body.id}/review`, { decision: 'reject' })
      .expect(400);
    expect(errorFields(noNote)).toEqual(['note']);
    // null is not a note, for an approval either.
    const nullNote = await call(admin)
      .put(`/admin/exercises/${body.id}/review`, { decision: 'approve', note: null })
      .expect(400);
    expect(nullNote.body.errors).toEqual([{ field: 'note', messages: ['note must not be null'] }]);

    await call(admin)
      .put(`/admin/exercises/${body.id}/review`, {
        decision: 'reject',
        note: 'Same as Goblet Squat.',
      })
      .expect(200);
    const seen = await call(creator).get(`/exercises/${body.id}`).expect(200);
    expect(seen.body).toMatchObject({ status: 'rejected', reviewNote: 'Same as Goblet Squat.' });
    expect(await visibleTo(stranger, body.id, name)).toBe(false);

    // Editing it sends it back to the queue, without the old verdict.
    const edited = await call(creator)
      .put(`/exercises/${body.id}`, { instructions: ['Hold the bell.', 'Squat to a box.'] })
      .expect(200);
    expect(edited.body).toMatchObject({ status: 'pending', reviewNote: null });
    expect(edited.body.instructions).toEqual(['Hold the bell.', 'Squat to a box.']);
  });

  it('lets only the creator or an admin change or delete an exercise', async () => {
    const [creator, stranger] = [await registerUser(api.http), await registerUser(api.http)];
    const name = uniqueName();
    const { body } = await call(creator).post('/exercises', exercise(name)).expect(201);
    const path = `/exercises/${body.id}`;

    await call(stranger).put(path, { level: 'expert' }).expect(404); // cannot see it yet
    await call(stranger).delete(path).expect(404);
    await call(admin)
      .put(`/admin/exercises/${body.id}/review`, { decision: 'approve' })
      .expect(200);
    await call(stranger).put(path, { level: 'expert' }).expect(403); // can see it, not theirs
    await call(stranger).delete(path).expect(403);

    // An admin's edit keeps it approved; the creator's sends it back for review.
    const byAdmin = await call(admin).put(path, { level: 'intermediate' }).expect(200);
    expect(byAdmin.body).toMatchObject({ level: 'intermediate', status: 'approved' });
    const byCreator = await call(creator)
      .put(path, { name: `${name} v2` })
      .expect(200);
    expect(byCreator.body).toMatchObject({ name: `${name} v2`, status: 'pending' });
    expect(await visibleTo(stranger, body.id, `${name} v2`)).toBe(false);

    // A library exercise belongs to nobody: admins only.
    const { bench } = await libraryExerciseIds(api.app.get(DataSource), { bench: BENCH_PRESS });
    await call(creator).put(`/exercises/${bench}`, { level: 'expert' }).expect(403);
  });

  it('soft-deletes: gone from the library, the row stays for history', async () => {
    const creator = await registerUser(api.http);
    const name = uniqueName();
    const { body } = await call(creator).post('/exercises', exercise(name)).expect(201);
    const template = await call(creator)
      .post('/templates', {
        name: 'Legs',
        goal: 'strength',
        level: 'beginner',
        visibility: 'private',
        days: [{ name: 'Legs', exercises: [{ exerciseId: body.id, sets: [{ repsMin: 8 }] }] }],
      })
      .expect(201);
    const workout = await call(creator).post('/workouts', {}).expect(201);
    await call(creator)
      .post(`/workouts/${workout.body.id}/exercises`, { exerciseId: body.id })
      .expect(201);
    await call(creator).delete(`/exercises/${body.id}`).expect(204);
    expect(await visibleTo(creator, body.id, name)).toBe(false);

    // Templates and workouts that use it keep showing it.
    const kept = { exerciseId: body.id, exerciseName: name };
    const { days } = (await call(creator).get(`/templates/${template.body.id}`).expect(200)).body;
    expect(days[0].exercises[0]).toMatchObject({ ...kept, equipment: 'kettlebells' });
    const { exercises } = (await call(creator).get(`/workouts/${workout.body.id}`).expect(200))
      .body;
    expect(exercises[0]).toMatchObject(kept);
    await call(creator).delete(`/exercises/${body.id}`).expect(404);
    const [row] = await api.app
      .get(DataSource)
      .query('SELECT name, deleted_at FROM exercises WHERE id = $1', [body.id]);
    expect(row.name).toBe(name);
    expect(row.deleted_at).not.toBeNull();
  });

  it('makes an admin’s own exercise public at once', async () => {
    const name = uniqueName();
    const { body } = await call(admin).post('/exercises', exercise(name)).expect(201);
    expect(body.status).toBe('approved');
    expect(await visibleTo(await registerUser(api.http), body.id, name)).toBe(true);
  });

  it('rejects invalid exercises with field errors', async () => {
    const creator = await registerUser(api.http);
    const res = await call(creator)
      .post('/exercises', {
        name: 'x',
        category: 'yoga',
        level: 'beginner',
        primaryMuscles: [],
        secondaryMuscles: ['wings'],
        instructions: [''],
        calories: 12,
      })
      .expect(400);
    expect(errorFields(res).sort()).toEqual([
      'calories',
      'category',
      'instructions',
      'name',
      'primaryMuscles',
      'secondaryMuscles',
    ]);
    const repeated = await call(creator)
      .post('/exercises', { ...exercise(uniqueName()), secondaryMuscles: ['quadriceps'] })
      .expect(400);
    expect(repeated.body.errors).toEqual([
      {
        field: 'secondaryMuscles',
        messages: ['secondaryMuscles must not repeat a primary muscle (quadriceps)'],
      },
    ]);
  });

  it('answers library reads from Redis, and approval invalidates them', async () => {
    const [creator, reader] = [await registerUser(api.http), await registerUser(api.http)];
    const name = uniqueName();
    const hitsBefore = await cacheHits();
    await call(reader).get('/exercises/filters').expect(200);
    const first = await call(reader).get('/exercises', { text: name }).expect(200);
    await call(reader).get('/exercises', { text: name }).expect(200);
    await call(reader).get('/exercises/filters').expect(200);
    expect(await cacheHits()).toBeGreaterThanOrEqual(hitsBefore + 2);
    expect(first.body.meta.total).toBe(0);

    // The creator has an unapproved exercise: their reads bypass the shared cache.
    const { body } = await call(creator).post('/exercises', exercise(name)).expect(201);
    expect(
      (await call(creator).get('/exercises', { text: name }).expect(200)).body.meta.total,
    ).toBe(1);
    expect((await call(reader).get('/exercises', { text: name }).expect(200)).body.meta.total).toBe(
      0,
    );

    await call(admin)
      .put(`/admin/exercises/${body.id}/review`, { decision: 'approve' })
      .expect(200);
    expect((await call(reader).get('/exercises', { text: name }).expect(200)).body.meta.total).toBe(
      1,
    );
  });

  async function cacheHits(): Promise<number> {
    const text = (await request(api.http).get('/metrics').expect(200)).text;
    const match = text.match(
      /fitai_cache_lookups_total\{cache="exercises",result="hit"[^}]*\} (\d+)/,
    );
    return match ? Number(match[1]) : 0;
  }
});
