import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { priorFrom } from '../src/common/ratings/bayesian-average';
import { popularity } from '../src/modules/exercises/exercise-popularity';
import { apiClient } from './support/api-client';
import {
  BENCH_PRESS,
  completedWorkout,
  libraryExerciseIds,
  setPreferences,
} from './support/fixtures';
import { registerAdmin, registerUser, startApi, TestApi, TestUser } from './support/test-app';

/** Ratings, popularity and statistics of the exercise library. */
describe('exercise ratings and rankings (e2e)', () => {
  let api: TestApi;
  let admin: TestUser;
  let db: DataSource;

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    admin = await registerAdmin(api);
  });
  afterAll(() => api.close());

  const as = (user: TestUser) => apiClient(api.http, user);

  /** A fresh approved exercise nobody has rated or used. */
  async function approvedExercise(): Promise<string> {
    const { body } = await as(admin)
      .post('/exercises', {
        name: `Ranking Drill ${randomUUID().slice(0, 8)}`,
        category: 'strength',
        level: 'beginner',
        primaryMuscles: ['calves'],
        instructions: ['Rise onto your toes.'],
      })
      .expect(201);
    return body.id as string;
  }

  async function votes(exerciseId: string, scores: number[]): Promise<void> {
    for (const score of scores) {
      const voter = await registerUser(api.http);
      await as(voter).post(`/exercises/${exerciseId}/rate`, { score }).expect(200);
    }
  }

  it('keeps one vote per user, changeable, with the counts and averages right', async () => {
    const id = await approvedExercise();
    const [ada, bob] = [await registerUser(api.http), await registerUser(api.http)];
    const first = await as(ada).post(`/exercises/${id}/rate`, { score: 5 }).expect(200);
    expect(first.body).toMatchObject({ count: 1, average: 5, yourScore: 5 });
    await as(bob).post(`/exercises/${id}/rate`, { score: 2 }).expect(200);
    const changed = await as(ada).post(`/exercises/${id}/rate`, { score: 3 }).expect(200);
    expect(changed.body).toMatchObject({ count: 2, average: 2.5, yourScore: 3 });

    // Concurrent votes by one user still count once.
    const carol = await registerUser(api.http);
    await Promise.all(
      [4, 4, 4].map((score) => as(carol).post(`/exercises/${id}/rate`, { score }).expect(200)),
    );
    const detail = await as(carol).get(`/exercises/${id}`).expect(200);
    expect(detail.body.rating).toMatchObject({ count: 3, average: 3, yourScore: 4 });
    const [row] = await db.query(
      'SELECT rating_count, rating_sum, (SELECT count(*)::int FROM exercise_ratings WHERE exercise_id = $1) AS votes FROM exercises WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ rating_count: 3, rating_sum: 9, votes: 3 });

    // The weighted average is the Bayesian one, with the prior of all votes on exercises.
    const [all] = await db.query(
      "SELECT sum(rating_count)::int AS count, sum(rating_sum)::int AS sum FROM exercises WHERE rating_count > 0 AND status = 'approved' AND deleted_at IS NULL",
    );
    const prior = priorFrom(all);
    const expected = (prior.weight * prior.mean + 9) / (prior.weight + 3);
    expect(detail.body.rating.weightedAverage).toBeCloseTo(expected, 2);
  });

  it('validates votes and hides unapproved exercises of others', async () => {
    const id = await approvedExercise();
    const voter = await registerUser(api.http);
    for (const score of [0, 6, 4.5, '5']) {
      const res = await as(voter).post(`/exercises/${id}/rate`, { score }).expect(400);
      expect(res.body.errors[0].field).toBe('score');
    }
    const creator = await registerUser(api.http);
    const { body } = await as(creator)
      .post('/exercises', {
        name: `Private Drill ${randomUUID().slice(0, 8)}`,
        category: 'strength',
        level: 'beginner',
        primaryMuscles: ['neck'],
        instructions: ['Nod.'],
      })
      .expect(201);
    await as(voter).post(`/exercises/${body.id}/rate`, { score: 5 }).expect(404);
    await as(voter).post(`/exercises/${randomUUID()}/rate`, { score: 5 }).expect(404);
  });

  it('ranks a single 5-star vote below an exercise with many good votes', async () => {
    const single = await approvedExercise();
    const many = await approvedExercise();
    await votes(single, [5]);
    await votes(many, [5, 4, 5, 4, 5, 4, 5, 4]);

    const res = await as(admin).get('/exercises/popular', { limit: 100 }).expect(200);
    const ids = res.body.items.map((e: { id: string }) => e.id);
    expect(ids).toContain(single);
    expect(ids.indexOf(many)).toBeLessThan(ids.indexOf(single));
    const scores = res.body.items.map((e: { popularity: number }) => e.popularity);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    // The database ranks with the same formula as exercise-popularity.ts: neither exercise is
    // used in a workout, so only the votes and their prior count.
    const [all] = await db.query(
      "SELECT sum(rating_count)::int AS count, sum(rating_sum)::int AS sum FROM exercises WHERE rating_count > 0 AND status = 'approved' AND deleted_at IS NULL",
    );
    const prior = priorFrom(all);
    const item = (id: string) => res.body.items.find((e: { id: string }) => e.id === id);
    expect(item(single).uses).toBe(0);
    expect(item(single).popularity).toBeCloseTo(popularity({ count: 1, sum: 5 }, prior, 0, 0), 4);
    expect(item(many).popularity).toBeCloseTo(popularity({ count: 8, sum: 36 }, prior, 0, 0), 4);
    expect(item(many).rating).toMatchObject({ count: 8, average: 4.5, yourScore: null });
    expect(res.body.meta.total).toBeGreaterThanOrEqual(2);
  });

  it('counts completed workouts as usage in the popularity ranking', async () => {
    const id = await approvedExercise();
    const lifter = await registerUser(api.http);
    await completedWorkout(as(lifter), [{ exerciseId: id, weight: 20, reps: 10 }]);
    await completedWorkout(as(lifter), [{ exerciseId: id, weight: 22.5, reps: 8 }]);
    await votes(id, [3]); // a vote also refreshes the cached rankings

    const res = await as(lifter).get('/exercises/popular', { limit: 100 }).expect(200);
    const item = res.body.items.find((e: { id: string }) => e.id === id);
    expect(item.uses).toBe(2);
    const stats = await as(lifter).get('/exercises/stats').expect(200);
    expect(stats.body.mostUsed.length).toBeGreaterThan(0);
    for (const used of stats.body.mostUsed) expect(used.uses).toBeGreaterThanOrEqual(1);
  });

  it('recommends exercises for the least trained muscles, fit to level and equipment', async () => {
    const { squat, bench, pullups } = await libraryExerciseIds(db, {
      squat: 'Barbell_Squat',
      bench: BENCH_PRESS,
      pullups: 'Pullups',
    });
    const user = await registerUser(api.http);
    await setPreferences(as(user), { trainingLevel: 'beginner', equipment: ['dumbbell'] });
    // Squat: quadriceps; calves, glutes, hamstrings, lower back. Bench: chest; shoulders,
    // triceps. Pull-ups: lats; biceps, middle back. The warm-up counts for nothing.
    await completedWorkout(as(user), [
      { exerciseId: squat, weight: 40, reps: 10, setType: 'warm_up' },
      ...[1, 2, 3].map(() => ({ exerciseId: squat, weight: 100, reps: 5 })),
      ...[1, 2, 3].map(() => ({ exerciseId: bench, weight: 80, reps: 5 })),
      ...[1, 2].map(() => ({ exerciseId: pullups, reps: 8 })),
    ]);

    const all = await as(user)
      .get('/exercises/recommended', { muscles: 6, perMuscle: 10 })
      .expect(200);
    expect(all.body).toMatchObject({ periodDays: 28, level: 'beginner', equipment: ['dumbbell'] });
    // Nothing trained the abdominals, traps, forearms, adductors, abductors or neck: those
    // six, big movers first.
    expect(
      all.body.muscles.map((m: { muscle: string; sets: number }) => [m.muscle, m.sets]),
    ).toEqual([
      ['abdominals', 0],
      ['traps', 0],
      ['forearms', 0],
      ['adductors', 0],
      ['abductors', 0],
      ['neck', 0],
    ]);
    let suggested = 0;
    for (const { muscle, exercises } of all.body.muscles) {
      for (const e of exercises) {
        suggested += 1;
        expect(e.primaryMuscles).toContain(muscle);
        expect(e.level).toBe('beginner');
        expect([null, 'dumbbell', 'body only']).toContain(e.equipment);
        expect(['stretching', 'cardio']).not.toContain(e.category);
        expect(e.status).toBe('approved');
      }
    }
    expect(suggested).toBeGreaterThan(10);

    // What the user has done lately is not suggested again.
    const first = all.body.muscles[0].exercises[0];
    await completedWorkout(as(user), [{ exerciseId: first.id, reps: 15 }]);
    const after = await as(user)
      .get('/exercises/recommended', { muscles: 6, perMuscle: 10 })
      .expect(200);
    const ids = after.body.muscles.flatMap((m: { exercises: { id: string }[] }) =>
      m.exercises.map((e) => e.id),
    );
    expect(ids).not.toContain(first.id);
    // The abdominals have a set now: no longer among the untrained muscles at the top.
    expect(after.body.muscles[0].muscle).not.toBe('abdominals');
    const abdominals = after.body.muscles.find(
      (m: { muscle: string }) => m.muscle === 'abdominals',
    );
    if (abdominals) expect(abdominals.sets).toBeGreaterThanOrEqual(1);
    await as(user).get('/exercises/recommended', { muscles: 7 }).expect(400);
  });

  it('counts the library by muscle, level, equipment and category', async () => {
    const res = await as(admin).get('/exercises/stats').expect(200);
    expect(res.body.total).toBeGreaterThanOrEqual(873);
    const levels = res.body.byLevel.reduce((sum: number, l: { count: number }) => sum + l.count, 0);
    expect(levels).toBe(res.body.total);
    expect(res.body.byMuscle).toHaveLength(17);
    expect(res.body.byEquipment).toHaveLength(12);
    expect(res.body.byCategory).toHaveLength(7);
    expect(Array.isArray(res.body.mostUsed)).toBe(true);
  });
});
