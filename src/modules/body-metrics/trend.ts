/**
 * Ordinary least squares for y = intercept + slope·x and its 95 % prediction interval, from
 * the centred sums PostgreSQL's regression aggregates return (regr_count, regr_avgx,
 * regr_avgy, regr_sxx, regr_syy, regr_sxy). Pure: no I/O, so the formulas are unit-tested
 * with a worked example (trend.spec.ts) and documented in docs/body-metrics.md.
 */

export interface RegressionSums {
  /** Number of points. */
  n: number;
  meanX: number;
  meanY: number;
  /** Σ(x − x̄)² */
  sxx: number;
  /** Σ(y − ȳ)² */
  syy: number;
  /** Σ(x − x̄)(y − ȳ) */
  sxy: number;
}

export interface LineFit {
  n: number;
  slope: number;
  intercept: number;
  /**
   * Share of the variance of y the line explains. 1 when every y is equal (nothing left to
   * explain), as PostgreSQL's regr_r2 answers.
   */
  r2: number;
  meanX: number;
  sxx: number;
  /** Σ(y − ŷ)²: what the line leaves unexplained. */
  sse: number;
}

export interface Prediction {
  value: number;
  lower: number;
  upper: number;
  /** The residual standard error s = √(SSE / (n − 2)), in units of y. */
  residualStandardError: number;
}

/** The least-squares line; needs two distinct x values (sxx > 0). */
export function fitLine(sums: RegressionSums): LineFit {
  if (sums.n < 2 || !(sums.sxx > 0)) {
    throw new RangeError('a line needs at least two points with distinct x');
  }
  const slope = sums.sxy / sums.sxx;
  const explained = slope * sums.sxy;
  return {
    n: sums.n,
    slope,
    intercept: sums.meanY - slope * sums.meanX,
    r2: sums.syy === 0 ? 1 : explained / sums.syy,
    meanX: sums.meanX,
    sxx: sums.sxx,
    // Rounding can leave a hair below zero for a perfect fit.
    sse: Math.max(0, sums.syy - explained),
  };
}

/**
 * ŷ(x0) with its 95 % prediction interval for one new observation at x0:
 * ŷ ± t(0.975, n − 2) · s · √(1 + 1/n + (x0 − x̄)² / Sxx). Needs n ≥ 3 (one degree of
 * freedom left for s).
 */
export function predict(fit: LineFit, x0: number): Prediction {
  if (fit.n < 3) throw new RangeError('a prediction interval needs at least three points');
  const value = fit.intercept + fit.slope * x0;
  const s = Math.sqrt(fit.sse / (fit.n - 2));
  const standardError = s * Math.sqrt(1 + 1 / fit.n + (x0 - fit.meanX) ** 2 / fit.sxx);
  const margin = tQuantile975(fit.n - 2) * standardError;
  return { value, lower: value - margin, upper: value + margin, residualStandardError: s };
}

/** t(0.975, df) for df = 1…30, to six decimals (from the t distribution's inverse CDF). */
const T_975 = [
  12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157,
  2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.13145, 2.119905, 2.109816, 2.100922, 2.093024,
  2.085963, 2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.04523,
  2.042272,
];

/** Φ⁻¹(0.975), the normal quantile the t quantiles tend to. */
const Z_975 = 1.959963984540054;

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom (the multiplier of a
 * two-sided 95 % interval). A table up to 30; beyond, the Cornish–Fisher expansion of t in
 * powers of 1/df (Abramowitz & Stegun 26.7.5), off by less than 3·10⁻⁸ there.
 */
export function tQuantile975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError('df must be a positive integer');
  if (df <= T_975.length) return T_975[df - 1];
  const z = Z_975;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  const g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}
