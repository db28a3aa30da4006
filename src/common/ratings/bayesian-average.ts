/**
 * Ratings ranked by a Bayesian average: every subject starts with `weight` imaginary votes at
 * the prior mean (the mean of all ratings of its kind), so one 5-star vote moves a subject only
 * a little, while a hundred votes dominate the prior.
 *
 *   score = (weight × priorMean + sum of scores) / (weight + number of votes)
 *
 * The same formula runs in SQL (bayesianAverageSql) so lists can be ranked and paged in the
 * database; the unit test pins both to the same worked example.
 */
export interface RatingTally {
  /** Number of votes. */
  count: number;
  /** Sum of the votes' scores. */
  sum: number;
}

export interface BayesianPrior {
  /** The mean score of all ratings of this kind (used when a subject has few votes). */
  mean: number;
  /** How many imaginary votes the prior is worth. */
  weight: number;
}

/** Votes on the 1–5 scale. */
export const MIN_SCORE = 1;
export const MAX_SCORE = 5;

/** The prior used when nothing of a kind has been rated yet: the middle of the scale. */
export const NEUTRAL_MEAN = (MIN_SCORE + MAX_SCORE) / 2;

/** How many imaginary votes the prior is worth for ranking lists. */
export const DEFAULT_PRIOR_WEIGHT = 5;

export function bayesianAverage(tally: RatingTally, prior: BayesianPrior): number {
  return (prior.weight * prior.mean + tally.sum) / (prior.weight + tally.count);
}

/** The prior from every vote of a kind: their mean, or the neutral mean when there are none. */
export function priorFrom(all: RatingTally, weight = DEFAULT_PRIOR_WEIGHT): BayesianPrior {
  return { mean: all.count > 0 ? all.sum / all.count : NEUTRAL_MEAN, weight };
}

/**
 * How a subject's tally changes when a user votes `score`, replacing their `previous` vote
 * (null for a first vote): one vote more only the first time.
 */
export function voteChange(previous: number | null, score: number): RatingTally {
  return { count: previous === null ? 1 : 0, sum: score - (previous ?? 0) };
}

/**
 * The same average as an SQL expression over a subject's vote count and score sum (both may be
 * NULL for a subject without votes). The prior's values are bound parameters.
 */
export function bayesianAverageSql(
  countExpr: string,
  sumExpr: string,
  priorMeanParam: string,
  priorWeightParam: string,
): string {
  return `((${priorWeightParam} * ${priorMeanParam} + COALESCE(${sumExpr}, 0)) / (${priorWeightParam} + COALESCE(${countExpr}, 0)))`;
}
