import { Sex } from '../users/user.vocabulary';

/**
 * DOTS (Dynamic Objective Team Scoring, IPF/OpenPowerlifting 2019): a lift normalised by body
 * weight, `points = lift × 500 / (a + b·bw + c·bw² + d·bw³ + e·bw⁴)` with bw in kg, clamped to
 * 40–210 kg (men) / 40–150 kg (women). Coefficients as published by OpenPowerlifting
 * (modules/opltypes/src/formula/dots.rs, `dots_coefficient_men` / `dots_coefficient_women`).
 * Women are scored with the women's coefficients, men with the men's; a user who has not said
 * their sex is scored with the men's (docs/challenges.md, "DOTS by sex", says why).
 */
export interface DotsCoefficients {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  /** Body-weight clamp (kg). */
  min: number;
  max: number;
}

export const DOTS_MEN: DotsCoefficients = {
  a: -307.75076,
  b: 24.0900756,
  c: -0.1918759221,
  d: 0.0007391293,
  e: -0.000001093,
  min: 40,
  max: 210,
};

export const DOTS_WOMEN: DotsCoefficients = {
  a: -57.96288,
  b: 13.6175032,
  c: -0.1126655495,
  d: 0.0005158568,
  e: -0.0000010706,
  min: 40,
  max: 150,
};

/**
 * The coefficients for a stated sex. Not said (null): the men's, which never rate a lift
 * higher than the women's would at the same body weight (so nobody climbs a board by not
 * saying), at the cost of under-rating women who have not said.
 */
export function dotsCoefficients(sex: Sex | null): DotsCoefficients {
  return sex === Sex.Female ? DOTS_WOMEN : DOTS_MEN;
}

/** The DOTS points of `liftKg` at `bodyWeightKg`. */
export function dots(liftKg: number, bodyWeightKg: number, k = DOTS_MEN): number {
  const bw = Math.min(Math.max(bodyWeightKg, k.min), k.max);
  const denominator = k.a + k.b * bw + k.c * bw ** 2 + k.d * bw ** 3 + k.e * bw ** 4;
  return (liftKg * 500) / denominator;
}
