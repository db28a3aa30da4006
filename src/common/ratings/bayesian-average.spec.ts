import {
  bayesianAverage,
  bayesianAverageSql,
  DEFAULT_PRIOR_WEIGHT,
  NEUTRAL_MEAN,
  priorFrom,
  voteChange,
} from './bayesian-average';

describe('bayesianAverage', () => {
  // Worked example. All votes of the kind: 40 votes summing to 140, so the prior mean is 3.5;
  // the prior is worth 5 imaginary votes.
  //   A: one vote of 5           → (5 × 3.5 + 5) / (5 + 1)   = 22.5 / 6  = 3.75
  //   B: 20 votes summing to 84  → (5 × 3.5 + 84) / (5 + 20) = 101.5 / 25 = 4.06
  //   C: no votes                → (5 × 3.5 + 0) / 5         = 3.5
  const prior = priorFrom({ count: 40, sum: 140 });

  it('derives the prior from all votes of the kind', () => {
    expect(prior).toEqual({ mean: 3.5, weight: DEFAULT_PRIOR_WEIGHT });
  });

  it('keeps a single 5-star vote below a well-rated subject with many votes', () => {
    const single = bayesianAverage({ count: 1, sum: 5 }, prior);
    const many = bayesianAverage({ count: 20, sum: 84 }, prior);
    expect(single).toBeCloseTo(3.75, 10);
    expect(many).toBeCloseTo(4.06, 10);
    expect(many).toBeGreaterThan(single);
  });

  it('gives an unrated subject the prior mean', () => {
    expect(bayesianAverage({ count: 0, sum: 0 }, prior)).toBe(3.5);
  });

  it('falls back to the middle of the scale when nothing is rated', () => {
    expect(priorFrom({ count: 0, sum: 0 }).mean).toBe(NEUTRAL_MEAN);
  });

  it('tends to the plain mean as votes accumulate', () => {
    expect(bayesianAverage({ count: 10_000, sum: 20_000 }, prior)).toBeCloseTo(2, 2);
  });

  it('renders the same formula for SQL, tolerating subjects without votes', () => {
    expect(bayesianAverageSql('r.count', 'r.sum', '$1', '$2')).toBe(
      '(($2 * $1 + COALESCE(r.sum, 0)) / ($2 + COALESCE(r.count, 0)))',
    );
  });

  it('adds a vote the first time and only the difference when a vote is replaced', () => {
    expect(voteChange(null, 4)).toEqual({ count: 1, sum: 4 });
    expect(voteChange(4, 2)).toEqual({ count: 0, sum: -2 });
  });
});
