import {
  fromKilograms,
  roundToPlates,
  toKilograms,
  WeightUnit,
} from '../../common/units/weight-unit';

/**
 * Estimated one-rep max (e1RM): the heaviest single a set of `reps` at a weight suggests.
 *
 * - Below 10 reps, Brzycki: `w × 36 / (37 − r)`. It gives exactly the weight for a single and
 *   fits low-rep sets best.
 * - From 10 reps, Epley: `w × (1 + r / 30)`. Brzycki's denominator races to zero (it explodes
 *   towards 37 reps) while Epley grows linearly.
 * The two agree at 10 reps (both 4/3 × w), so the estimate has no jump at the switch.
 *
 * Cap: above MAX_E1RM_REPS reps there is no estimate (null). Such a set tests endurance more
 * than strength, and the published formulas disagree by well over 10% there, so a 30-rep set
 * must not become a "best e1RM" record or anchor a percentage prescription.
 *
 * Exported for the progress module (e1RM series); stored per set as workout_sets.e1rm_kg.
 */
export const EPLEY_FROM_REPS = 10;
export const MAX_E1RM_REPS = 15;

/** In kg, to two decimals; null without a positive weight, or for 0 or more than 15 reps. */
export function estimateOneRepMax(weightKg: number | null, reps: number | null): number | null {
  if (weightKg === null || reps === null || weightKg <= 0) return null;
  if (!Number.isInteger(reps) || reps < 1 || reps > MAX_E1RM_REPS) return null;
  const e1rm = reps >= EPLEY_FROM_REPS ? weightKg * (1 + reps / 30) : (weightKg * 36) / (37 - reps);
  return Math.round(e1rm * 100) / 100;
}

/**
 * `percent` % of an e1RM, rounded to the nearest plate step (PLATE_STEP) in the user's unit, in kg
 * (a pound user's 185 lb is stored as 83.915 kg and reads back as 185 lb).
 */
export function percentOfOneRepMaxKg(e1rmKg: number, percent: number, unit: WeightUnit): number {
  return toKilograms(roundToPlates(fromKilograms((e1rmKg * percent) / 100, unit), unit), unit);
}
