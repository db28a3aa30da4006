import { priorFrom } from '../../common/ratings/bayesian-average';
import { popularity, popularitySql } from './exercise-popularity';

describe('exercise popularity', () => {
  // Worked example. All votes on exercises: 40 votes summing to 140 → prior mean 3.5, worth
  // 5 votes. The most used exercise is in 100 completed workouts.
  //
  //   A: one 5-star vote, used 0 times
  //      bayesian = (5 × 3.5 + 5) / 6 = 3.75 → rating term (3.75 − 1) / 4 = 0.6875
  //      popularity = 0.7 × 0.6875 + 0.3 × 0 = 0.48125
  //   B: 20 votes summing to 84, used 9 times
  //      bayesian = (17.5 + 84) / 25 = 4.06 → (4.06 − 1) / 4 = 0.765
  //      usage = ln(10) / ln(101) = 2.302585 / 4.615121 = 0.498921
  //      popularity = 0.7 × 0.765 + 0.3 × 0.498921 = 0.5355 + 0.149677 = 0.685177
  //   C: no votes, used 100 times (the most used)
  //      bayesian = 3.5 → 0.625; usage = 1
  //      popularity = 0.4375 + 0.3 = 0.7375
  const prior = priorFrom({ count: 40, sum: 140 });

  it('ranks a single 5-star vote below well-rated and much-used exercises', () => {
    const a = popularity({ count: 1, sum: 5 }, prior, 0, 100);
    const b = popularity({ count: 20, sum: 84 }, prior, 9, 100);
    const c = popularity({ count: 0, sum: 0 }, prior, 100, 100);
    expect(a).toBeCloseTo(0.48125, 6);
    expect(b).toBeCloseTo(0.685177, 6);
    expect(c).toBeCloseTo(0.7375, 6);
    expect([a, b, c].sort()).toEqual([a, b, c]);
  });

  it('ignores usage while nothing has been used', () => {
    expect(popularity({ count: 2, sum: 10 }, prior, 0, 0)).toBeCloseTo(
      0.7 * ((27.5 / 7 - 1) / 4),
      10,
    );
  });

  it('renders the same formula for SQL', () => {
    const sql = popularitySql({
      count: 'c',
      sum: 's',
      uses: 'u',
      priorMean: '$1',
      priorWeight: '$2',
      maxUses: '$3',
    });
    expect(sql).toBe(
      '(0.7 * (((($2 * $1 + COALESCE(s, 0)) / ($2 + COALESCE(c, 0))) - 1) / 4) + 0.3 * ' +
        '(CASE WHEN $3 > 0 THEN ln(1 + COALESCE(u, 0)) / ln(1 + $3) ELSE 0 END))',
    );
  });
});
