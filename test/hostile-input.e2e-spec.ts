import request from 'supertest';
import { DataSource } from 'typeorm';
import { apiClient, ApiClient } from './support/api-client';
import { BENCH_PRESS, libraryExerciseIds } from './support/fixtures';
import { errorFields, PROBLEM } from './support/problem';
import { registerAdmin, registerUser, startApi, TestApi } from './support/test-app';

/**
 * The hostile inputs of the fuzzing report, each as it was sent, with the answer it gets now
 * (docs/errors.md, "What a request may carry"). test/fuzz.e2e-spec.ts sends the same kinds of
 * input to every operation; this file pins the cases that were 500s or 2xx.
 */
describe('hostile input (e2e)', () => {
  let api: TestApi;
  let user: ApiClient;
  let admin: ApiClient;
  let bench: string;

  beforeAll(async () => {
    api = await startApi();
    user = apiClient(api.http, await registerUser(api.http));
    admin = apiClient(api.http, await registerAdmin(api));
    ({ bench } = await libraryExerciseIds(api.app.get(DataSource), { bench: BENCH_PRESS }));
  });
  afterAll(() => api.close());

  /** The answer is a 400 validation problem naming exactly `fields`. */
  function expectFieldErrors(res: request.Response, fields: string[]): void {
    expect({ status: res.status, type: res.body.type }).toEqual({
      status: 400,
      type: 'urn:fitai:problem:validation-failed',
    });
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(errorFields(res)).toEqual(fields);
  }

  const template = (days: unknown) => ({
    name: 'Hostile',
    goal: 'strength',
    level: 'beginner',
    days,
  });
  const day = (sets: unknown) => ({ name: 'A', exercises: [{ exerciseId: bench, sets }] });

  describe('bodies nested thousands of levels deep', () => {
    const nested = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);

    it('are a 400 json-too-deep, anonymous or signed in, before any validation', async () => {
      for (const path of ['/auth/login', '/auth/register', '/entries', '/templates']) {
        const res = await request(api.http)
          .post(`/api/v1${path}`)
          .set('content-type', 'application/json')
          .send(nested);
        expect({ path, status: res.status, type: res.body.type }).toEqual({
          path,
          status: 400,
          type: 'urn:fitai:problem:json-too-deep',
        });
        expect(res.headers['content-type']).toMatch(PROBLEM);
        expect(res.body.detail).toBe(
          'The request body nests objects and arrays more than 32 levels deep.',
        );
      }
    });

    it('still takes the deepest body FitAI knows, a template with progression rules', async () => {
      const rule = { type: 'linear_load', incrementKg: 2.5, when: 'all_sets_completed' };
      const body = template([
        {
          name: 'A',
          exercises: [{ exerciseId: bench, progression: rule, sets: [{ repsMin: 5 }] }],
        },
      ]);
      await user.post('/templates', body).expect(201);
    });
  });

  describe('NUL characters and lone surrogates', () => {
    it('are a field error in any body, on the field that carries them', async () => {
      const anonymous = await request(api.http).post('/api/v1/auth/register').send({
        email: 'nul@test.fitai.dev',
        password: 'correct horse battery',
        displayName: 'a\u0000',
      });
      expectFieldErrors(anonymous, ['displayName']);
      expect(anonymous.body.errors[0].messages).toEqual([
        'displayName must not contain NUL characters or unpaired surrogates',
      ]);

      expectFieldErrors(await user.post('/entries', { type: 'mood', mood: 5, note: '\u0000' }), [
        'note',
      ]);
      expectFieldErrors(await user.post('/entries', { type: 'habit', tags: ['ok', 'tag\u0000'] }), [
        'tags.1',
      ]);
      expectFieldErrors(await user.post('/exercises/search', { query: 'bench\u0000' }), ['query']);
      expectFieldErrors(
        await user.post('/goals', {
          type: 'consistency',
          metric: 'sessions_per_week',
          title: 'Three a week\u0000',
          target: 3,
        }),
        ['title'],
      );
      expectFieldErrors(await user.post('/progress/body', { weight: 80, note: 'x\u0000' }), [
        'note',
      ]);
      expectFieldErrors(
        await user.post('/templates', { ...template([day([{ repsMin: 5 }])]), name: '\u0000' }),
        ['name'],
      );
      expectFieldErrors(
        await user.post('/templates', template([{ ...day([{ repsMin: 5 }]), name: 'Day\ud800' }])),
        ['days.0.name'],
      );
    });

    it('are a field error in query strings and paths', async () => {
      expectFieldErrors(await user.get('/entries', { tag: '\u0000' }), ['tag']);
      expectFieldErrors(await user.get('/exercises', { text: '\u0000' }), ['text']);
      expectFieldErrors(await admin.get('/admin/users', { search: '\u0000' }), ['search']);
      expectFieldErrors(await user.get('/entries/%00'), ['id']);
    });

    it('in an email are a field error on every anonymous route that takes one', async () => {
      for (const path of [
        '/auth/login',
        '/auth/register',
        '/auth/resend-verification',
        '/auth/forgot-password',
      ]) {
        const res = await request(api.http)
          .post(`/api/v1${path}`)
          .send({ email: '\ud800@example.com', password: 'correct horse battery' });
        expect({ path, status: res.status, fields: errorFields(res) }).toEqual({
          path,
          status: 400,
          fields: ['email'],
        });
      }
    });

    it('leave well-formed text alone: astral characters, accents, scripts', async () => {
      const res = await user.put('/users/profile', { displayName: 'Zoë 💪 山田' }).expect(200);
      expect(res.body.displayName).toBe('Zoë 💪 山田');
    });
  });

  describe('huge numbers in queries', () => {
    it('are a 400 on page, on every paginated list', async () => {
      const lists = [
        [user, '/auth/sessions'],
        [user, '/tags'],
        [user, '/exercises'],
        [user, '/exercises/popular'],
        [user, '/exercises/muscle/chest'],
        [user, '/exercises/equipment/barbell'],
        [user, '/templates'],
        [user, '/templates/public'],
        [user, '/templates/featured'],
        [user, '/templates/my'],
        [admin, '/admin/users'],
        [admin, '/admin/exercises/pending'],
        [admin, '/admin/queues/emails/failed'],
      ] as const;
      for (const [client, path] of lists) {
        const res = await client.get(path, { page: '9999999999999999999999999' });
        expect({ path, status: res.status, fields: errorFields(res) }).toEqual({
          path,
          status: 400,
          fields: ['page'],
        });
      }
      expectFieldErrors(await user.post('/exercises/search', { query: 'bench', page: 1e25 }), [
        'page',
      ]);
      await user.get('/tags', { page: 10_000, limit: 100 }).expect(200);
    });

    it('?offset= is ignored like any unknown query parameter, not a 500', async () => {
      for (const [client, path] of [
        [user, '/templates'],
        [user, '/exercises'],
        [admin, '/admin/users'],
      ] as const) {
        const res = await client.get(path, { offset: 1 });
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
    });
  });

  describe('null', () => {
    it('is a 400 naming a field that always has a value', async () => {
      const profile = await user.put('/users/profile', { displayName: null });
      expectFieldErrors(profile, ['displayName']);
      expect(profile.body.errors[0].messages).toEqual(['displayName must not be null']);

      const exercise = await user
        .post('/exercises', {
          name: 'Hostile Squat',
          category: 'strength',
          level: 'beginner',
          primaryMuscles: ['quadriceps'],
          instructions: ['Squat.'],
        })
        .expect(201);
      expectFieldErrors(await user.put(`/exercises/${exercise.body.id}`, { name: null }), ['name']);

      const goal = await user
        .post('/goals', {
          type: 'consistency',
          metric: 'sessions_per_week',
          title: 'Three a week',
          target: 3,
        })
        .expect(201);
      expectFieldErrors(await user.put(`/goals/${goal.body.id}`, { title: null }), ['title']);

      expectFieldErrors(await user.post('/entries', { type: 'mood', occurredAt: null }), [
        'occurredAt',
      ]);
      expectFieldErrors(await user.post('/entries', { type: null }), ['type']);
      expectFieldErrors(await user.put('/users/preferences', { weightUnit: null }), ['weightUnit']);
    });

    it('clears or leaves out a field that may have no value', async () => {
      await user.put('/users/profile', { bio: 'Lifts' }).expect(200);
      expect((await user.put('/users/profile', { bio: null }).expect(200)).body.bio).toBeNull();

      const entry = await user.post('/entries', { type: 'sleep', value: null, unit: null });
      expect(entry.status).toBe(201);
      expect(entry.body).toMatchObject({ value: null, unit: null });

      const exercise = await user
        .post('/exercises', {
          name: 'Hostile Row',
          category: 'strength',
          level: 'beginner',
          equipment: 'barbell',
          primaryMuscles: ['lats'],
          instructions: ['Row.'],
        })
        .expect(201);
      const cleared = await user.put(`/exercises/${exercise.body.id}`, { equipment: null });
      expect(cleared.status).toBe(200);
    });
  });

  describe('nested arrays where a template takes objects', () => {
    it('are a 400 on create and update', async () => {
      expectFieldErrors(await user.post('/templates', template([[]])), ['days']);
      expectFieldErrors(await user.post('/templates', template([day([[]])])), [
        'days.0.exercises.0.sets',
      ]);
      const created = await user.post('/templates', template([day([{ repsMin: 5 }])]));
      expect(created.status).toBe(201);
      expectFieldErrors(await user.put(`/templates/${created.body.id}`, template([[]])), ['days']);
      expectFieldErrors(await user.put(`/templates/${created.body.id}`, template([day([[]])])), [
        'days.0.exercises.0.sets',
      ]);
    });
  });

  describe('bodies that are not JSON', () => {
    it('are a 415 on the routes that take no body, as on the others', async () => {
      const workout = (await user.post('/workouts', {}).expect(201)).body;
      const session = await registerUser(api.http);
      const bodiless = [
        '/auth/logout',
        `/workouts/${workout.id}/start`,
        `/workouts/${workout.id}/pause`,
        `/workouts/${workout.id}/resume`,
        `/workouts/${workout.id}/complete`,
        `/workouts/${workout.id}/abandon`,
        `/templates/${workout.id}/favorite`,
        `/goals/${workout.id}/complete`,
      ];
      for (const path of bodiless) {
        for (const [type, body] of [
          ['text/plain', 'hello'],
          ['application/xml', '<a>1</a>'],
          ['application/x-www-form-urlencoded', 'a=1'],
        ]) {
          const res = await request(api.http)
            .post(`/api/v1${path}`)
            .auth(session.accessToken, { type: 'bearer' })
            .set('content-type', type)
            .send(body);
          expect({ path, type, status: res.status, problem: res.body.type }).toEqual({
            path,
            type,
            status: 415,
            problem: 'urn:fitai:problem:unsupported-media-type',
          });
        }
      }
      // The session is still there: none of those requests was served.
      const logout = await request(api.http)
        .post('/api/v1/auth/logout')
        .auth(session.accessToken, { type: 'bearer' })
        .set('content-type', 'text/plain');
      expect(logout.status).toBe(204);
    });

    it('are a 415 where a JSON body is expected, forms included', async () => {
      const form = await request(api.http)
        .post('/api/v1/auth/login')
        .type('form')
        .send({ email: 'a@b.c', password: 'correct horse battery' });
      expect(form.status).toBe(415);
      expect(form.headers['content-type']).toMatch(PROBLEM);
      expect(form.body.detail).toBe('The request body must be JSON, sent as application/json.');
    });

    it('take the +json types as JSON', async () => {
      const session = await registerUser(api.http);
      const res = await request(api.http)
        .put('/api/v1/users/profile')
        .auth(session.accessToken, { type: 'bearer' })
        .set('content-type', 'application/merge-patch+json')
        .send(JSON.stringify({ displayName: 'Merged' }));
      expect(res.status).toBe(200);
      expect(res.body.displayName).toBe('Merged');
    });
  });
});
