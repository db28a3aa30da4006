import { fitLine, predict, RegressionSums, tQuantile975 } from './trend';

/** The sums PostgreSQL's regr_* aggregates would return for these points. */
function sumsOf(points: [number, number][]): RegressionSums {
  const n = points.length;
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  return {
    n,
    meanX,
    meanY,
    sxx: points.reduce((s, [x]) => s + (x - meanX) ** 2, 0),
    syy: points.reduce((s, [, y]) => s + (y - meanY) ** 2, 0),
    sxy: points.reduce((s, [x, y]) => s + (x - meanX) * (y - meanY), 0),
  };
}

describe('trend', () => {
  /*
   * Worked by hand: weekly weigh-ins (day, kg) = (0, 80), (7, 79), (14, 78.5), (21, 77), (28, 76.5).
   *   n = 5, x̄ = 70/5 = 14, ȳ = 391/5 = 78.2
   *   x − x̄ = −14, −7, 0, 7, 14            y − ȳ = 1.8, 0.8, 0.3, −1.2, −1.7
   *   Sxx = 196 + 49 + 0 + 49 + 196 = 490
   *   Sxy = −25.2 − 5.6 + 0 − 8.4 − 23.8 = −63
   *   Syy = 3.24 + 0.64 + 0.09 + 1.44 + 2.89 = 8.3
   *   slope = Sxy / Sxx = −63/490 = −9/70 kg/day (−0.9 kg/week); intercept = 78.2 + 14·9/70 = 80
   *   explained = slope·Sxy = 8.1, SSE = 8.3 − 8.1 = 0.2, r² = 8.1/8.3 = 0.975904
   *   s = √(0.2/3) = 0.258199
   * Thirty days after the last weigh-in, x0 = 58:
   *   ŷ = 80 − 58·9/70 = 72.542857
   *   se = s·√(1 + 1/5 + (58 − 14)²/490) = 0.258199·√5.151020 = 0.586005
   *   t(0.975, 3) = 3.182446, margin = 1.864928 → [70.677929, 74.407785]
   */
  const weekly = sumsOf([
    [0, 80],
    [7, 79],
    [14, 78.5],
    [21, 77],
    [28, 76.5],
  ]);

  it('fits the least-squares line of the worked example', () => {
    const fit = fitLine(weekly);
    expect(fit.slope).toBeCloseTo(-9 / 70, 12);
    expect(fit.slope * 7).toBeCloseTo(-0.9, 12);
    expect(fit.intercept).toBeCloseTo(80, 12);
    expect(fit.r2).toBeCloseTo(8.1 / 8.3, 12);
    expect(fit.sse).toBeCloseTo(0.2, 12);
  });

  it('projects with the 95 % prediction interval of the worked example', () => {
    const prediction = predict(fitLine(weekly), 58);
    expect(prediction.value).toBeCloseTo(72.542857, 6);
    expect(prediction.residualStandardError).toBeCloseTo(0.258199, 6);
    expect(prediction.lower).toBeCloseTo(70.677929, 5);
    expect(prediction.upper).toBeCloseTo(74.407785, 5);
  });

  it('widens the interval the further it projects from the data', () => {
    const fit = fitLine(weekly);
    const width = (x: number) => predict(fit, x).upper - predict(fit, x).lower;
    expect(width(14)).toBeLessThan(width(28));
    expect(width(28)).toBeLessThan(width(58));
    expect(width(58)).toBeLessThan(width(200));
  });

  it('gives a perfect fit a zero-width interval and r² = 1, even when flat', () => {
    const line = fitLine(sumsOf([0, 1, 2, 3].map((x) => [x, 2 * x + 1] as [number, number])));
    expect(line).toMatchObject({ slope: 2, intercept: 1, r2: 1 });
    const prediction = predict(line, 10);
    expect(prediction.value).toBeCloseTo(21, 12);
    expect(prediction.upper - prediction.lower).toBeCloseTo(0, 9);
    const flat = fitLine(sumsOf([0, 5, 9].map((x) => [x, 70] as [number, number])));
    expect(flat).toMatchObject({ slope: 0, intercept: 70, r2: 1 });
  });

  it('refuses a line without two distinct x, and an interval without three points', () => {
    expect(() => fitLine(sumsOf([[3, 80]]))).toThrow(RangeError);
    expect(() =>
      fitLine(
        sumsOf([
          [3, 80],
          [3, 81],
        ]),
      ),
    ).toThrow(RangeError);
    const two = fitLine(
      sumsOf([
        [0, 80],
        [7, 79],
      ]),
    );
    expect(two.slope).toBeCloseTo(-1 / 7, 12);
    expect(() => predict(two, 14)).toThrow(RangeError);
  });

  it('knows t(0.975, df) from the table and the expansion beyond it', () => {
    expect(tQuantile975(1)).toBe(12.706205);
    expect(tQuantile975(3)).toBe(3.182446);
    expect(tQuantile975(30)).toBe(2.042272);
    // Reference values of the inverse t CDF (e.g. scipy.stats.t.ppf(0.975, df)).
    expect(tQuantile975(31)).toBeCloseTo(2.0395134, 6);
    expect(tQuantile975(40)).toBeCloseTo(2.0210754, 6);
    expect(tQuantile975(100)).toBeCloseTo(1.9839715, 6);
    expect(tQuantile975(1_000_000)).toBeCloseTo(1.959964, 5);
    expect(() => tQuantile975(0)).toThrow(RangeError);
  });
});
