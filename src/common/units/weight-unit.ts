/**
 * Weights are stored in kilograms; a user who prefers pounds sends and reads pounds, converted
 * at the edge (request DTO → service, service → response DTO) so every query and formula works
 * in one unit.
 */
export enum WeightUnit {
  Kilogram = 'kg',
  Pound = 'lb',
}

/** The international avoirdupois pound, exactly. */
export const KG_PER_LB = 0.45359237;

/** Stored values keep three decimals: grams, finer than any plate or scale. */
function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** A weight the user sent, in their unit, as kilograms for storage. */
export function toKilograms(value: number, unit: WeightUnit): number {
  return unit === WeightUnit.Pound ? round3(value * KG_PER_LB) : value;
}

/** A stored weight in kilograms, in the user's unit, to two decimals. */
export function fromKilograms(kilograms: number, unit: WeightUnit): number {
  const value = unit === WeightUnit.Pound ? kilograms / KG_PER_LB : kilograms;
  return Math.round(value * 100) / 100;
}

/**
 * The smallest load change a standard plate set makes on a barbell (a pair of 1.25 kg or
 * 2.5 lb plates): the grid a prescribed weight is rounded to when it is converted or computed,
 * so it is one the user can actually load.
 */
export const PLATE_STEP: Readonly<Record<WeightUnit, number>> = {
  [WeightUnit.Kilogram]: 2.5,
  [WeightUnit.Pound]: 5,
};

/** A weight in `unit`, rounded to the nearest plate step of that unit. */
export function roundToPlates(value: number, unit: WeightUnit): number {
  const step = PLATE_STEP[unit];
  return Math.round(value / step) * step;
}

/**
 * A stored kilogram value as a reader sees a prescription: in their unit, exactly (two
 * decimals) when it was written in that unit, else converted and rounded to their plates
 * (60 kg reads 130 lb; 135 lb reads 60 kg), since a converted 132.28 lb cannot be loaded.
 */
export function prescribedWeight(
  kilograms: number,
  writtenIn: WeightUnit,
  unit: WeightUnit,
): number {
  const converted = fromKilograms(kilograms, unit);
  return writtenIn === unit ? converted : roundToPlates(converted, unit);
}
