/** A dated value: a week's best e1RM, or a body-weight reading (kg). */
export interface Point {
  at: Date;
  kg: number;
}

export type ForecastMetric = 'e1rm' | 'body_weight';

export interface Forecast {
  /** kg, from the user's own data; null without data. */
  currentKg: number | null;
  /** Least-squares slope, kg per week; null with too little data. */
  trendKgPerWeek: number | null;
  /** What reaching the target by the date needs, kg per week (negative: losing). */
  requiredKgPerWeek: number | null;
  realistic: boolean | null;
  verdict: string;
  /** What the user can expect by the target date: central value and band (kg). */
  proposedTargetKg: { value: number; low: number; high: number } | null;
  /** When the target can be expected: central date and band; null if not within two years. */
  proposedDate: { date: string; earliest: string; latest: string } | null;
  milestones: { date: string; kg: number }[];
  basis: string[];
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** Weeks over which the rate of strength gain halves … (time constant of the decay: 26 weeks). */
export const STRENGTH_TIME_CONSTANT_WEEKS = 26;
/** Points needed for a trend (weeks with a best e1RM, or body-weight readings). */
export const MIN_POINTS = 3;
/** Horizon beyond which no date is proposed. */
const HORIZON_WEEKS = 104;

/**
 * Safe weekly body-weight change, as a share of body weight: loss 0.5–1 % (central 0.75 %),
 * gain 0.25–0.5 % (central 0.35 %). Percentages of the current weight, compounded week by
 * week, so the absolute rate slows as weight changes: the behaviour of the NIH Body Weight
 * Planner model (Hall et al., Lancet 2011;378:826–37), unlike the linear 3,500-kcal rule.
 */
export const SAFE_WEEKLY_CHANGE = {
  loss: { low: 0.005, mid: 0.0075, high: 0.01 },
  gain: { low: 0.0025, mid: 0.0035, high: 0.005 },
} as const;

export const GOAL_SOURCES = [
  'Hall et al.: Quantification of the effect of energy imbalance on bodyweight (Lancet 2011;378:826-37), the NIH Body Weight Planner model',
  'Donnelly et al., ACSM position stand: Appropriate physical activity intervention strategies for weight loss (Med Sci Sports Exerc 2009;41:459-71)',
  'Iraki et al.: Nutrition recommendations for bodybuilders in the off-season (Sports 2019;7:154), 0.25-0.5 % body weight gain a week',
  'ACSM position stand: Progression models in resistance training (Med Sci Sports Exerc 2009;41:687-708): the rate of strength gain slows with training age',
];

const round = (v: number, places = 1) => Math.round(v * 10 ** places) / 10 ** places;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** Least-squares slope (kg per week) and its standard error; null with fewer than MIN_POINTS. */
export function weeklyTrend(points: Point[]): { slope: number; se: number } | null {
  if (points.length < MIN_POINTS) return null;
  const xs = points.map((p) => p.at.getTime() / WEEK_MS);
  const ys = points.map((p) => p.kg);
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  if (sxx === 0) return null;
  const slope = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / sxx;
  const residual = ys.reduce((a, y, i) => a + (y - (my + slope * (xs[i] - mx))) ** 2, 0);
  const se = n > 2 ? Math.sqrt(residual / (n - 2) / sxx) : 0;
  return { slope, se };
}

/**
 * Strength (docs/ai-coach.md, "Goal optimisation"): the user's weekly best e1RM trend, with
 * diminishing returns: the rate r decays as r·e^(−t/τ), so the gain after t weeks is
 * r·τ·(1 − e^(−t/τ)) (τ = 26 weeks) and is bounded by r·τ. The band uses r ± 1.96·SE.
 */
export function forecastStrength(
  points: Point[],
  targetKg: number,
  targetDate: Date,
  now: Date,
): Forecast {
  const basis = [`${points.length} weeks with a best estimated 1RM in the last 26 weeks`];
  const current = points.length ? Math.max(...points.slice(-3).map((p) => p.kg)) : null;
  const trend = weeklyTrend(points);
  const weeks = Math.max(0, (targetDate.getTime() - now.getTime()) / WEEK_MS);
  if (current === null || trend === null) {
    return empty(
      current,
      'Not enough history: log this exercise in at least three different weeks.',
      basis,
    );
  }
  const tau = STRENGTH_TIME_CONSTANT_WEEKS;
  const gain = (rate: number, t: number) => (rate <= 0 ? 0 : rate * tau * (1 - Math.exp(-t / tau)));
  const weeksFor = (rate: number, delta: number) =>
    delta <= 0
      ? 0
      : rate <= 0 || delta >= rate * tau
        ? null
        : -tau * Math.log(1 - delta / (rate * tau));
  const rate = trend.slope;
  const low = Math.max(0, rate - 1.96 * trend.se);
  const high = rate + 1.96 * trend.se;
  const delta = targetKg - current;
  const expected = current + gain(rate, weeks);
  const realistic = delta <= 0 || expected >= targetKg;
  basis.push(
    `Trend ${round(rate, 2)} kg a week (±${round(1.96 * trend.se, 2)} at 95 %), slowing with a ${tau}-week time constant`,
  );
  const central = weeksFor(rate, delta);
  const earliest = weeksFor(high, delta);
  const latest = weeksFor(low, delta);
  const at = (w: number | null) =>
    w === null || w > HORIZON_WEEKS ? null : isoDate(new Date(now.getTime() + w * WEEK_MS));
  return {
    currentKg: round(current),
    trendKgPerWeek: round(rate, 2),
    requiredKgPerWeek: weeks > 0 ? round(delta / weeks, 2) : null,
    realistic,
    verdict: realistic
      ? `Realistic: at your trend you can expect about ${round(expected)} kg by ${isoDate(targetDate)}.`
      : `Ambitious: at your trend, slowing as strength rises, expect about ${round(expected)} kg by ${isoDate(targetDate)}, short of ${round(targetKg)} kg.`,
    proposedTargetKg: {
      value: round(expected),
      low: round(current + gain(low, weeks)),
      high: round(current + gain(high, weeks)),
    },
    proposedDate:
      at(central) === null
        ? null
        : {
            date: at(central)!,
            earliest: at(earliest) ?? at(central)!,
            latest: at(latest) ?? isoDate(new Date(now.getTime() + HORIZON_WEEKS * WEEK_MS)),
          },
    milestones: milestones(weeks, now, (t) => current + gain(rate, t)),
    basis,
  };
}

/**
 * Body weight: the required weekly change as a share of body weight against the safe ranges
 * (SAFE_WEEKLY_CHANGE), compounded weekly; the user's own trend is reported alongside.
 */
export function forecastBodyWeight(
  points: Point[],
  targetKg: number,
  targetDate: Date,
  now: Date,
): Forecast {
  const basis = [`${points.length} body-weight readings in the last 12 weeks`];
  const current = points.length ? points[points.length - 1].kg : null;
  if (current === null)
    return empty(null, 'No body-weight reading yet: log one to judge this goal.', basis);
  const trend = weeklyTrend(points);
  const weeks = Math.max(0, (targetDate.getTime() - now.getTime()) / WEEK_MS);
  const losing = targetKg < current;
  const band = losing ? SAFE_WEEKLY_CHANGE.loss : SAFE_WEEKLY_CHANGE.gain;
  const sign = losing ? -1 : 1;
  const after = (share: number, t: number) => current * (1 + sign * share) ** t;
  const weeksFor = (share: number) =>
    Math.abs(targetKg - current) < 0.05
      ? 0
      : Math.log(targetKg / current) / Math.log(1 + sign * share);
  const requiredShare = weeks > 0 ? Math.abs((targetKg / current) ** (1 / weeks) - 1) : Infinity;
  const realistic = requiredShare <= band.high;
  const clamp = (v: number) => (losing ? Math.max(targetKg, v) : Math.min(targetKg, v));
  basis.push(
    `Safe ${losing ? 'loss' : 'gain'}: ${band.low * 100}–${band.high * 100} % of body weight a week; this goal needs ${round(requiredShare * 100, 2)} %`,
  );
  if (trend) basis.push(`Your trend: ${round(trend.slope, 2)} kg a week`);
  const at = (w: number) => isoDate(new Date(now.getTime() + w * WEEK_MS));
  return {
    currentKg: round(current),
    trendKgPerWeek: trend ? round(trend.slope, 2) : null,
    requiredKgPerWeek: weeks > 0 ? round((targetKg - current) / weeks, 2) : null,
    realistic,
    verdict: realistic
      ? `Realistic: ${round(requiredShare * 100, 2)} % of body weight a week is within the safe ${band.low * 100}–${band.high * 100} %.`
      : `Too fast: it needs ${round(requiredShare * 100, 2)} % of body weight a week, above the safe ${band.high * 100} %; a later date is proposed.`,
    proposedTargetKg: {
      value: round(clamp(after(band.mid, weeks))),
      low: round(clamp(after(band.low, weeks))),
      high: round(clamp(after(band.high, weeks))),
    },
    proposedDate: {
      date: at(weeksFor(band.mid)),
      earliest: at(weeksFor(band.high)),
      latest: at(weeksFor(band.low)),
    },
    milestones: milestones(Math.max(weeks, weeksFor(band.mid)), now, (t) =>
      clamp(after(band.mid, t)),
    ),
    basis,
  };
}

/** Every four weeks up to the horizon given (at most 12), rounded to 0.1 kg. */
function milestones(
  weeks: number,
  now: Date,
  value: (t: number) => number,
): { date: string; kg: number }[] {
  const list: { date: string; kg: number }[] = [];
  for (let t = 4; t <= Math.min(weeks, 48); t += 4) {
    list.push({ date: isoDate(new Date(now.getTime() + t * WEEK_MS)), kg: round(value(t)) });
  }
  return list;
}

function empty(currentKg: number | null, verdict: string, basis: string[]): Forecast {
  return {
    currentKg: currentKg === null ? null : round(currentKg),
    trendKgPerWeek: null,
    requiredKgPerWeek: null,
    realistic: null,
    verdict,
    proposedTargetKg: null,
    proposedDate: null,
    milestones: [],
    basis,
  };
}
