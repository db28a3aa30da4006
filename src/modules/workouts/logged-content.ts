import { randomUUID } from 'node:crypto';
import { FieldError } from '../../common/errors/problem-details';
import { WeightUnit } from '../../common/units/weight-unit';
import { LoggedExerciseDto } from './dto/create-workout.dto';
import { storedSet, userWeightKg } from './set-values';
import { PlannedRows } from './workout-plan';

/**
 * The rules a workout's content sent with its creation must meet beyond its shape (the DTO):
 * exercises the user can use, each once, weights within the limit once converted. Field
 * errors name `exercises.I.exerciseId` and `exercises.I.sets.J.weight`.
 */
export function loggedContentErrors(
  exercises: LoggedExerciseDto[],
  usable: ReadonlyMap<string, unknown>,
  unit: WeightUnit,
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  exercises.forEach((item, i) => {
    const field = `exercises.${i}.exerciseId`;
    if (!usable.has(item.exerciseId)) {
      errors.push({ field, messages: ['exerciseId does not name an exercise you can use'] });
    } else if (seen.has(item.exerciseId)) {
      errors.push({
        field,
        messages: ['a workout holds an exercise once: list all its sets under its first entry'],
      });
    }
    seen.add(item.exerciseId);
    item.sets.forEach((set, j) => {
      const converted = set.weight == null ? null : userWeightKg(set.weight, unit);
      if (converted?.error !== undefined) {
        errors.push({ field: `exercises.${i}.sets.${j}.weight`, messages: [converted.error] });
      }
    });
  });
  return errors;
}

/**
 * The rows of content sent with a workout's creation (checked by loggedContentErrors): its
 * exercises in order and their sets, weights converted to kilograms, positions from 0.
 */
export function loggedContentRows(
  exercises: LoggedExerciseDto[],
  context: { workoutId: string; userId: string; unit: WeightUnit },
  newId: () => string = randomUUID,
): PlannedRows {
  const { workoutId, userId, unit } = context;
  const rows: PlannedRows = { exercises: [], sets: [] };
  exercises.forEach((item, position) => {
    const id = newId();
    rows.exercises.push({
      id,
      workoutId,
      exerciseId: item.exerciseId,
      position,
      notes: item.notes ?? null,
      progression: null,
    });
    item.sets.forEach((set, setPosition) => {
      const weight = set.weight == null ? null : userWeightKg(set.weight, unit);
      rows.sets.push({
        ...storedSet({
          setType: set.setType,
          weightKg: weight && weight.error === undefined ? weight.kilograms : null,
          reps: set.reps ?? null,
          rpe: set.rpe ?? null,
          rir: set.rir ?? null,
          restSeconds: set.restSeconds ?? null,
          completed: set.completed,
        }),
        workoutExerciseId: id,
        userId,
        workoutId,
        exerciseId: item.exerciseId,
        position: setPosition,
      });
    });
  });
  return rows;
}
