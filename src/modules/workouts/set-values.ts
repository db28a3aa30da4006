import { fromKilograms, toKilograms, WeightUnit } from '../../common/units/weight-unit';
import { SetType } from '../training/set-type.vocabulary';
import { WORKOUT_LIMITS } from './dto/workout-fields';
import { estimateOneRepMax } from './one-rep-max';
import { SetValues } from './workouts.repository';
import { isWorkingSet } from '../training/working-sets.vocabulary';

/** A set as the service reasons about it: numbers, weights in kg. */
export interface SetState {
  setType: SetType;
  weightKg: number | null;
  reps: number | null;
  rpe: number | null;
  rir: number | null;
  restSeconds: number | null;
  completed: boolean;
}

/** numeric columns take decimal strings, which keep the value exact. */
export const decimal = (value: number | null | undefined): string | null =>
  value === null || value === undefined ? null : String(value);

/** numeric columns come back from the pg driver as strings. */
export const numeric = (value: string | null): number | null =>
  value === null ? null : Number(value);

/**
 * The columns of a set, with its e1RM written alongside: only a completed working set has one,
 * so history queries can read e1rm_kg without re-checking the set's type and state.
 */
export function storedSet(set: SetState): SetValues {
  return {
    setType: set.setType,
    weightKg: decimal(set.weightKg),
    reps: set.reps,
    rpe: decimal(set.rpe),
    rir: set.rir,
    restSeconds: set.restSeconds,
    completed: set.completed,
    e1rmKg: storedE1rm(set),
  };
}

/** The e1RM stored with a set (workout_sets.e1rm_kg): only a completed working set has one. */
export function storedE1rm(
  set: Pick<SetState, 'setType' | 'weightKg' | 'reps' | 'completed'>,
): string | null {
  return decimal(isWorkingSet(set) ? estimateOneRepMax(set.weightKg, set.reps) : null);
}

/**
 * A weight the user sent, in their unit, as kilograms; or, above the limit (checked after
 * conversion), the message of the field error.
 */
export function userWeightKg(
  weight: number,
  unit: WeightUnit,
): { kilograms: number; error?: undefined } | { error: string } {
  const kilograms = toKilograms(weight, unit);
  const { max } = WORKOUT_LIMITS.weightKg;
  if (kilograms <= max) return { kilograms };
  const limit = unit === WeightUnit.Kilogram ? `${max} kg` : `${fromKilograms(max, unit)} ${unit}`;
  return { error: `weight must not be more than ${limit}` };
}
