import type { Muscle } from './exercise-attributes.vocabulary';

/** Secondary muscles count for half a set and half the volume (docs/progress.md, docs/ai-coach.md). */
export const SECONDARY_MUSCLE_SHARE = 0.5;

/** The muscles an exercise trains. */
export interface MuscleTargets {
  primaryMuscles: readonly Muscle[];
  secondaryMuscles: readonly Muscle[];
}

/**
 * Sets per muscle, the one count the AI coach uses (plans, template optimisation,
 * recommendations): each set counts 1 for every primary muscle of its exercise and
 * SECONDARY_MUSCLE_SHARE for every secondary one, as the progress routes count them. Exercises
 * missing from `muscles` count for nothing. Muscles appear in the order first met.
 */
export function setsPerMuscle(
  items: Iterable<{ exerciseId: string; sets: number }>,
  muscles: ReadonlyMap<string, MuscleTargets>,
): Map<Muscle, number> {
  const sets = new Map<Muscle, number>();
  for (const { exerciseId, sets: n } of items) {
    const exercise = muscles.get(exerciseId);
    if (!exercise) continue;
    for (const m of exercise.primaryMuscles) sets.set(m, (sets.get(m) ?? 0) + n);
    for (const m of exercise.secondaryMuscles) {
      sets.set(m, (sets.get(m) ?? 0) + n * SECONDARY_MUSCLE_SHARE);
    }
  }
  return sets;
}

/**
 * SQL: the sets and volume of `perExercise` (a relation of `exercise_id, sets, volume`)
 * spread over each exercise's primary muscles (in full) and secondary muscles (the share in
 * parameter `share`), per muscle, largest volume first. The exercises by primary key.
 */
export function muscleSpreadSql(perExercise: string, share: string): string {
  return `SELECT m.muscle::text AS muscle, sum(x.sets * m.share)::float8 AS sets,
              sum(x.volume * m.share)::float8 AS "volumeKg"
         FROM ${perExercise} x
         JOIN exercises e ON e.id = x.exercise_id
        CROSS JOIN LATERAL (
                SELECT unnest(e.primary_muscles) AS muscle, 1::numeric AS share
                UNION ALL
                SELECT unnest(e.secondary_muscles), ${share}::numeric) m
        GROUP BY m.muscle
        ORDER BY "volumeKg" DESC, muscle`;
}
