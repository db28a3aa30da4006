/**
 * How a benchmark cohort is drawn and how much of it is shown (docs/insights.md, "Benchmark").
 * Pure functions: bands of body weight and age, the percentile, the size band.
 */

/** Body-weight bands are this wide, in kg: [70, 80), [80, 90), ... */
export const BODY_WEIGHT_BAND_KG = 10;
/** Age bands are this wide, in years: 30–39, 40–49, ... */
export const AGE_BAND_YEARS = 10;

export interface Band {
  min: number;
  /** Excluded for body weight; included for age (whole years). */
  max: number;
}

/** The body-weight band of `kg`: [10·⌊kg/10⌋, +10). */
export function bodyWeightBand(kg: number): Band {
  const min = Math.floor(kg / BODY_WEIGHT_BAND_KG) * BODY_WEIGHT_BAND_KG;
  return { min, max: min + BODY_WEIGHT_BAND_KG };
}

/**
 * The age band of someone born in `birthYear`, by their age this calendar year
 * (`currentYear − birthYear`, so a whole band of birth years shares it): 30–39, ...
 */
export function ageBand(birthYear: number, currentYear: number): Band {
  const age = currentYear - birthYear;
  const min = Math.floor(age / AGE_BAND_YEARS) * AGE_BAND_YEARS;
  return { min, max: min + AGE_BAND_YEARS - 1 };
}

/** The birth years of an age band, both inclusive. */
export function birthYearsOf(band: Band, currentYear: number): { from: number; to: number } {
  return { from: currentYear - band.max, to: currentYear - band.min };
}

/**
 * The mid-rank percentile of a value among `size` others: 100 × (below + ½ · equal) / size,
 * rounded to a whole number. 50 means as many others below as above.
 */
export function midRankPercentile(below: number, equal: number, size: number): number {
  return Math.round((100 * (below + equal / 2)) / size);
}

/** Sizes are shown as one of these bands, never exactly. */
const SIZE_EDGES = [20, 50, 100, 250, 1000, 10_000];

/** The band shown for a cohort of `size` (≥ the floor): "20–49", ..., "10000+". */
export function sizeBand(size: number): string {
  let index = -1;
  for (let i = 0; i < SIZE_EDGES.length; i += 1) if (size >= SIZE_EDGES[i]) index = i;
  if (index === -1) return `<${SIZE_EDGES[0]}`;
  if (index === SIZE_EDGES.length - 1) return `${SIZE_EDGES[index]}+`;
  return `${SIZE_EDGES[index]}–${SIZE_EDGES[index + 1] - 1}`;
}
