import {
  BayesianPrior,
  bayesianAverage,
  bayesianAverageSql,
  MAX_SCORE,
  MIN_SCORE,
  RatingTally,
} from '../../common/ratings/bayesian-average';

/**
 * Popularity of an exercise, 0–1: what people think of it (the Bayesian average of its votes,
 * so one 5-star vote does not top the list) blended with what people do with it (how many
 * completed workouts include it, on a log scale against the most used exercise, so the bench
 * press does not drown everything else).
 *
 *   popularity = 0.7 × (bayesian − 1) / 4 + 0.3 × ln(1 + uses) / ln(1 + maxUses)
 *
 * The usage term is 0 while nobody has completed a workout. The SQL form (popularitySql) ranks
 * the list in the database; the unit test pins both to one worked example.
 */
export const RATING_SHARE = 0.7;
export const USAGE_SHARE = 0.3;

export function popularity(
  tally: RatingTally,
  prior: BayesianPrior,
  uses: number,
  maxUses: number,
): number {
  const rating = (bayesianAverage(tally, prior) - MIN_SCORE) / (MAX_SCORE - MIN_SCORE);
  const usage = maxUses > 0 ? Math.log1p(uses) / Math.log1p(maxUses) : 0;
  return RATING_SHARE * rating + USAGE_SHARE * usage;
}

/** The same formula in SQL; the prior and maxUses are bound parameters. */
export function popularitySql(params: {
  count: string;
  sum: string;
  uses: string;
  priorMean: string;
  priorWeight: string;
  maxUses: string;
}): string {
  const bayesian = bayesianAverageSql(
    params.count,
    params.sum,
    params.priorMean,
    params.priorWeight,
  );
  const rating = `((${bayesian} - ${MIN_SCORE}) / ${MAX_SCORE - MIN_SCORE})`;
  const usage = `(CASE WHEN ${params.maxUses} > 0 THEN ln(1 + COALESCE(${params.uses}, 0)) / ln(1 + ${params.maxUses}) ELSE 0 END)`;
  return `(${RATING_SHARE} * ${rating} + ${USAGE_SHARE} * ${usage})`;
}
