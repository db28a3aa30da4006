import { DataSource } from 'typeorm';
import { ApiClient } from './api-client';

/** The library exercise the specs lift most (chest; shoulders, triceps; barbell). */
export const BENCH_PRESS = 'Barbell_Bench_Press_-_Medium_Grip';

/**
 * The ids of library exercises (seeded by the global setup), under the keys they are given
 * by: `{ bench: BENCH_PRESS }` gives `{ bench: '<uuid>' }`.
 */
export async function libraryExerciseIds<Key extends string>(
  db: DataSource,
  slugs: Record<Key, string>,
): Promise<Record<Key, string>> {
  const rows: { slug: string; id: string }[] = await db.query(
    'SELECT slug, id FROM exercises WHERE slug = ANY($1)',
    [Object.values(slugs)],
  );
  const idOf = new Map(rows.map((row) => [row.slug, row.id]));
  const ids = {} as Record<Key, string>;
  for (const [key, slug] of Object.entries(slugs) as [Key, string][]) {
    const id = idOf.get(slug);
    if (!id) throw new Error(`no library exercise with slug ${slug}`);
    ids[key] = id;
  }
  return ids;
}

/** A set to log: on which exercise, and the fields POST .../sets takes. */
export interface LoggedSet {
  exerciseId: string;
  weight?: number;
  reps: number;
  setType?: string;
}

/**
 * A workout through the workouts API, as a lifter does it: created empty, its exercises added
 * in the order of their first set, started, the sets logged in order, completed. Answers the
 * completed workout.
 */
export async function completedWorkout(
  client: ApiClient,
  sets: LoggedSet[],
): Promise<Record<string, unknown>> {
  const workout = (await client.post('/workouts', { name: 'Session' }).expect(201)).body;
  for (const exerciseId of new Set(sets.map((set) => set.exerciseId))) {
    await client.post(`/workouts/${workout.id}/exercises`, { exerciseId }).expect(201);
  }
  await client.post(`/workouts/${workout.id}/start`).expect(200);
  for (const { exerciseId, ...set } of sets) {
    await client.post(`/workouts/${workout.id}/exercises/${exerciseId}/sets`, set).expect(201);
  }
  return (await client.post(`/workouts/${workout.id}/complete`).expect(200)).body;
}

/** Changes the user's preferences (units, time zone, level, equipment). */
export async function setPreferences(client: ApiClient, preferences: object): Promise<void> {
  await client.put('/users/preferences', preferences).expect(200);
}
