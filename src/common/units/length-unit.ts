/**
 * Body measurements are stored in centimetres; a user who prefers inches sends and reads
 * inches, converted at the edge like weights (see weight-unit.ts).
 */
export enum LengthUnit {
  Centimetre = 'cm',
  Inch = 'in',
}

export const CM_PER_INCH = 2.54;

/** A length the user sent, in their unit, as centimetres (to the tenth of a millimetre). */
export function toCentimetres(value: number, unit: LengthUnit): number {
  return unit === LengthUnit.Inch ? Math.round(value * CM_PER_INCH * 100) / 100 : value;
}

/** A stored length in centimetres, in the user's unit, to two decimals. */
export function fromCentimetres(centimetres: number, unit: LengthUnit): number {
  const value = unit === LengthUnit.Inch ? centimetres / CM_PER_INCH : centimetres;
  return Math.round(value * 100) / 100;
}
