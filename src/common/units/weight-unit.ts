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
