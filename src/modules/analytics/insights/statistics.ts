import { mean, median, medianAbsoluteDeviation } from 'simple-statistics';

/**
 * The statistics behind insights and anomalies (docs/insights.md): permutation tests with a
 * fixed seed, Benjamini–Hochberg across every tested pair, and robust z-scores. Pure
 * functions over per-day series, so every number an insight shows can be recomputed.
 */

/** A deterministic pseudo-random generator in [0, 1) (mulberry32): same seed, same draws. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ranks from 1, ties sharing their average rank. */
export function ranks(values: number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const result = new Array<number>(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && order[j + 1].value === order[i].value) j += 1;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k += 1) result[order[k].index] = rank;
    i = j + 1;
  }
  return result;
}

/** Pearson's r; 0 when either series is constant. */
export function pearson(x: number[], y: number[]): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i += 1) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** Spearman's ρ: Pearson's r of the ranks (average ranks for ties). */
export function spearman(x: number[], y: number[]): number {
  return pearson(ranks(x), ranks(y));
}

export interface TestResult {
  /** The observed statistic (ρ, or exposed mean − other mean). */
  statistic: number;
  /**
   * Two-sided permutation p-value: (1 + #{|permuted| ≥ |observed|}) / (1 + permutations), or
   * h / l when the test stops early (Besag & Clifford 1991: the h-th permutation at least as
   * extreme as the observed one came at the l-th draw).
   */
  pValue: number;
  /** Permutations drawn. */
  permutations: number;
}

/**
 * Permutations per test (at most), and the seed every test starts from (docs/insights.md).
 * 9 999 draws make the smallest p-value 1/10 000, small enough to pass Benjamini–Hochberg at
 * 1% over a few dozen tests.
 */
export const PERMUTATIONS = 9999;
export const PERMUTATION_SEED = 20261202;
/** A test stops once this many permutations were at least as extreme: p is clearly large. */
export const EARLY_STOP_EXTREMES = 50;

/** Runs `draw` (true: at least as extreme) up to `permutations` times, stopping early. */
function permutationPValue(
  permutations: number,
  draw: () => boolean,
): { pValue: number; permutations: number } {
  let extreme = 0;
  for (let l = 1; l <= permutations; l += 1) {
    if (draw()) extreme += 1;
    if (extreme >= EARLY_STOP_EXTREMES) return { pValue: extreme / l, permutations: l };
  }
  return { pValue: (1 + extreme) / (1 + permutations), permutations };
}

/** Relative tolerance so permutations equal to the observed statistic count as "as extreme". */
const EPSILON = 1e-12;

/**
 * Spearman's ρ between `x` and `y` with a two-sided permutation test: `y` is shuffled
 * `permutations` times with a generator seeded by `seed`.
 *
 * A permutation leaves the ranks' means and sums of squares as they are; only the
 * cross-product sum changes. So the ranks are centred once, and each draw is one pass: the
 * Fisher–Yates shuffle of the centred `y` ranks (position i is final once swapped) summing the
 * cross products as it goes. Ranks are multiples of ½ around a mean that is one too, so every
 * sum here is exact: ρ of each draw is bit for bit Pearson's r of the shuffled ranks, and the
 * generator is consumed as before (the same p-value for the same seed).
 */
export function spearmanPermutationTest(
  x: number[],
  y: number[],
  permutations = PERMUTATIONS,
  seed = PERMUTATION_SEED,
): TestResult {
  const rx = ranks(x);
  const ry = ranks(y);
  const observed = pearson(rx, ry);
  const mx = mean(rx);
  const my = mean(ry);
  const dx = rx.map((rank) => rank - mx);
  const dy = ry.map((rank) => rank - my);
  const sxx = dx.reduce((sum, d) => sum + d * d, 0);
  const syy = dy.reduce((sum, d) => sum + d * d, 0);
  const denominator = Math.sqrt(sxx * syy);
  const threshold = Math.abs(observed) - EPSILON;
  const random = seededRandom(seed);
  const n = dy.length;
  const result = permutationPValue(permutations, () => {
    // A constant series: every permuted ρ is 0, as the observed one (pearson's convention).
    if (denominator === 0) return true;
    let sxy = 0;
    for (let i = n - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      const swapped = dy[j];
      dy[j] = dy[i];
      dy[i] = swapped;
      sxy += dx[i] * swapped;
    }
    sxy += dx[0] * dy[0];
    return Math.abs(sxy / denominator) >= threshold;
  });
  return { statistic: observed, ...result };
}

/**
 * Difference of means (exposed − other) with a two-sided permutation test: the group labels
 * are shuffled `permutations` times with a generator seeded by `seed`.
 */
export function meanDifferencePermutationTest(
  exposed: number[],
  other: number[],
  permutations = PERMUTATIONS,
  seed = PERMUTATION_SEED,
): TestResult {
  const pooled = [...exposed, ...other];
  const total = pooled.reduce((sum, value) => sum + value, 0);
  const n = exposed.length;
  const m = other.length;
  const difference = (sumExposed: number) => sumExposed / n - (total - sumExposed) / m;
  const observed = difference(exposed.reduce((sum, value) => sum + value, 0));
  const threshold = Math.abs(observed) - EPSILON;
  const size = pooled.length;
  const random = seededRandom(seed);
  const result = permutationPValue(permutations, () => {
    // A partial Fisher–Yates: the first n of the shuffle are the permuted exposed group, summed
    // in the same pass (the same order as ever: these sums are not exact, order matters).
    let sum = 0;
    for (let i = 0; i < n; i += 1) {
      const j = i + Math.floor(random() * (size - i));
      const picked = pooled[j];
      pooled[j] = pooled[i];
      pooled[i] = picked;
      sum += picked;
    }
    return Math.abs(difference(sum)) >= threshold;
  });
  return { statistic: observed, ...result };
}

/** Cohen's d with the pooled standard deviation; 0 when both groups are constant. */
export function cohensD(exposed: number[], other: number[]): number {
  const n = exposed.length;
  const m = other.length;
  const me = mean(exposed);
  const mo = mean(other);
  const ss = (values: number[], mu: number) => values.reduce((s, v) => s + (v - mu) ** 2, 0);
  const pooled = Math.sqrt((ss(exposed, me) + ss(other, mo)) / (n + m - 2));
  return pooled === 0 ? 0 : (me - mo) / pooled;
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the input's order: q(i) =
 * min over j ≥ rank(i) of p(j)·m / j, capped at 1. A test passes at false-discovery rate α
 * when q ≤ α; this is the step-up procedure (largest k with p(k) ≤ k·α/m, all below pass).
 */
export function benjaminiHochberg(pValues: number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank -= 1) {
    const { p, index } = order[rank - 1];
    running = Math.min(running, (p * m) / rank);
    adjusted[index] = running;
  }
  return adjusted;
}

/** Iglewicz & Hoaglin's modified z-score threshold: |z| above it is an outlier. */
export const ROBUST_Z_THRESHOLD = 3.5;

export interface RobustScore {
  median: number;
  /** Median absolute deviation of the baseline. */
  mad: number;
  /** 0.6745 · (x − median) / MAD, or (x − median) / (1.2533 · mean absolute deviation) when MAD is 0. */
  z: number;
}

/**
 * The modified z-score of `value` against `baseline` (Iglewicz & Hoaglin 1993). Null when the
 * baseline has no spread at all (every value equal): nothing can be called unusual then.
 */
export function robustZ(value: number, baseline: number[]): RobustScore | null {
  const center = median(baseline);
  const mad = medianAbsoluteDeviation(baseline);
  if (mad > 0) return { median: center, mad, z: (0.6745 * (value - center)) / mad };
  const meanAbsolute = mean(baseline.map((v) => Math.abs(v - center)));
  if (meanAbsolute === 0) return null;
  return { median: center, mad, z: (value - center) / (1.2533 * meanAbsolute) };
}
