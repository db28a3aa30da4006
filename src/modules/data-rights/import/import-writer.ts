import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ImportReport } from '../entities/data-import.entity';
import { candidateNames, CsvImportPlan, libraryKeys, PlannedWorkout } from './import-plan';

/** SHA-256 (hex) of a canonical JSON value: the content hash that makes imports idempotent. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export function emptyReport(rowsRead: number): ImportReport {
  return { rowsRead, created: {}, skipped: {}, unmatchedExercises: [], errors: [] };
}

export function count(tally: Record<string, number>, kind: string, by = 1): void {
  tally[kind] = (tally[kind] ?? 0) + by;
}

/**
 * Claims a content hash for the user (data_import_records' primary key). `created` the first
 * time; otherwise an earlier import made it, and `resourceId` is what it made then.
 */
export async function claimContent(
  manager: EntityManager,
  userId: string,
  importId: string,
  hash: string,
  kind: string,
  resourceId: string,
): Promise<{ created: boolean; resourceId: string }> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO data_import_records (user_id, content_hash, kind, resource_id, import_id)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING content_hash`,
    [userId, hash, kind, resourceId, importId],
  );
  if (rows.length > 0) return { created: true, resourceId };
  const [earlier] = (await manager.query(
    'SELECT resource_id FROM data_import_records WHERE user_id = $1 AND content_hash = $2',
    [userId, hash],
  )) as { resource_id: string }[];
  return { created: false, resourceId: earlier.resource_id };
}

/** A private exercise for a name the library does not know (pending review, as any user's). */
async function createCustomExercise(
  manager: EntityManager,
  userId: string,
  name: string,
): Promise<string> {
  const id = randomUUID();
  await manager.query(
    `INSERT INTO exercises (id, slug, name, level, category, primary_muscles, secondary_muscles,
                            instructions, instructions_text, source, status, created_by_id)
     VALUES ($1, $2, $3, 'beginner', 'strength', '{}', '{}', '{}', '', 'user', 'pending', $4)`,
    [id, `user-${id}`, name.slice(0, 120), userId],
  );
  return id;
}

/**
 * Exercise ids by the names of a file: the user's own exercises and the approved library,
 * exact names first, then variants ("Barbell Bench Press - Medium Grip" answers to "barbell
 * bench press"). Names that match nothing become the user's own exercises and are reported.
 */
async function resolveExercises(
  manager: EntityManager,
  userId: string,
  names: string[],
  report: ImportReport,
): Promise<Map<string, string>> {
  const known: { id: string; name: string; own: boolean }[] = await manager.query(
    `SELECT id, name, created_by_id IS NOT DISTINCT FROM $1::uuid AS own FROM exercises
      WHERE deleted_at IS NULL AND (created_by_id = $1 OR (source = 'library' AND status = 'approved'))
      ORDER BY (created_by_id = $1) DESC NULLS LAST, name`,
    [userId],
  );
  const exact = new Map<string, string>();
  const variant = new Map<string, string>();
  for (const exercise of known) {
    const [full, ...rest] = libraryKeys(exercise.name);
    if (!exact.has(full)) exact.set(full, exercise.id);
    for (const key of rest) if (!variant.has(key)) variant.set(key, exercise.id);
  }
  const ids = new Map<string, string>();
  for (const name of names) {
    const candidates = candidateNames(name);
    const id =
      candidates.map((c) => exact.get(c)).find(Boolean) ??
      candidates.map((c) => variant.get(c)).find(Boolean);
    if (id) {
      ids.set(name, id);
      continue;
    }
    report.unmatchedExercises.push(name);
    ids.set(name, await createCustomExercise(manager, userId, name));
    count(report.created, 'exercises');
  }
  return ids;
}

async function insertWorkout(
  manager: EntityManager,
  userId: string,
  workoutId: string,
  workout: PlannedWorkout,
  exerciseIds: Map<string, string>,
): Promise<number> {
  const duration = Math.max(
    0,
    Math.round((workout.completedAt.getTime() - workout.startedAt.getTime()) / 1000),
  );
  await manager.query(
    `INSERT INTO workouts (id, user_id, name, status, session_at, started_at, completed_at,
                           duration_seconds, notes)
     VALUES ($1, $2, $3, 'completed', $4, $4, $5, $6, $7)`,
    [
      workoutId,
      userId,
      workout.name.slice(0, 100),
      workout.startedAt,
      workout.completedAt,
      duration,
      workout.notes,
    ],
  );
  // One workout_exercise per exercise (the same library exercise under two names merges).
  const byExercise = new Map<
    string,
    { id: string; sets: PlannedWorkout['exercises'][number]['sets'] }
  >();
  for (const exercise of workout.exercises) {
    const exerciseId = exerciseIds.get(exercise.name)!;
    let entry = byExercise.get(exerciseId);
    if (!entry) {
      entry = { id: randomUUID(), sets: [] };
      await manager.query(
        `INSERT INTO workout_exercises (id, workout_id, exercise_id, position, notes)
         VALUES ($1, $2, $3, $4, $5)`,
        [entry.id, workoutId, exerciseId, byExercise.size, exercise.notes?.slice(0, 500) ?? null],
      );
      byExercise.set(exerciseId, entry);
    }
    entry.sets.push(...exercise.sets);
  }
  let sets = 0;
  for (const [exerciseId, entry] of byExercise) {
    if (entry.sets.length === 0) continue;
    // One statement per exercise: the sets as parallel arrays.
    await manager.query(
      `INSERT INTO workout_sets (workout_exercise_id, user_id, workout_id, exercise_id, position,
                                 set_type, weight_kg, reps, rpe, completed, completed_at)
       SELECT $1, $2, $3, $4, s.position - 1, s.type::set_type, s.weight, s.reps, s.rpe, true, $9
         FROM unnest($5::text[], $6::numeric[], $7::int[], $8::numeric[])
              WITH ORDINALITY AS s(type, weight, reps, rpe, position)`,
      [
        entry.id,
        userId,
        workoutId,
        exerciseId,
        entry.sets.map((s) => s.type),
        entry.sets.map((s) => s.weightKg),
        entry.sets.map((s) => s.reps),
        entry.sets.map((s) => s.rpe),
        workout.completedAt,
      ],
    );
    sets += entry.sets.length;
  }
  return sets;
}

/**
 * Writes a checked Strong/Hevy plan in the caller's transaction: each workout is claimed by
 * its content hash first, so a workout already imported (this file again, or an overlapping
 * export) is skipped whole. The ids of the workouts made go into `workoutIds` (their e1RMs,
 * totals and records are the workouts module's to derive).
 */
export async function applyCsvPlan(
  manager: EntityManager,
  input: { userId: string; importId: string; source: string },
  plan: CsvImportPlan,
  progress: (share: number) => Promise<void>,
  workoutIds: string[],
): Promise<ImportReport> {
  const report = emptyReport(plan.rowsRead);
  const names = [...new Set(plan.workouts.flatMap((w) => w.exercises.map((e) => e.name)))];
  const exerciseIds = await resolveExercises(manager, input.userId, names, report);
  let done = 0;
  for (const workout of plan.workouts) {
    const workoutId = randomUUID();
    const hash = contentHash([
      input.source,
      'workout',
      workout.name,
      workout.startedAt.toISOString(),
      workout.exercises.map((e) => [e.name, e.sets]),
    ]);
    if (
      (await claimContent(manager, input.userId, input.importId, hash, 'workout', workoutId))
        .created
    ) {
      const sets = await insertWorkout(manager, input.userId, workoutId, workout, exerciseIds);
      workoutIds.push(workoutId);
      count(report.created, 'workouts');
      count(report.created, 'sets', sets);
    } else {
      count(report.skipped, 'workouts');
    }
    done += 1;
    if (done % 20 === 0) await progress(done / plan.workouts.length);
  }
  return report;
}
