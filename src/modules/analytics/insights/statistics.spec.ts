import {
  benjaminiHochberg,
  cohensD,
  EARLY_STOP_EXTREMES,
  meanDifferencePermutationTest,
  pearson,
  ranks,
  robustZ,
  seededRandom,
  spearman,
  spearmanPermutationTest,
} from './statistics';

/**
 * The Spearman permutation test as first written: Pearson's r of the ranks recomputed whole
 * (means, sums of squares) on each draw. The one-pass version must give the same answers.
 */
function spearmanReference(x: number[], y: number[], permutations: number, seed: number) {
  const rx = ranks(x);
  const shuffled = ranks(y);
  const observed = pearson(rx, shuffled);
  const random = seededRandom(seed);
  let extreme = 0;
  for (let l = 1; l <= permutations; l += 1) {
    for (let i = shuffled.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    if (Math.abs(pearson(rx, shuffled)) >= Math.abs(observed) - 1e-12) extreme += 1;
    if (extreme >= EARLY_STOP_EXTREMES) {
      return { statistic: observed, pValue: extreme / l, permutations: l };
    }
  }
  return { statistic: observed, pValue: (1 + extreme) / (1 + permutations), permutations };
}

/** The difference-of-means test as first written (the labels shuffled, means recomputed). */
function meanDifferenceReference(a: number[], b: number[], permutations: number, seed: number) {
  const pooled = [...a, ...b];
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const total = pooled.reduce((s, v) => s + v, 0);
  const observed = mean(a) - (total - a.reduce((s, v) => s + v, 0)) / b.length;
  const random = seededRandom(seed);
  let extreme = 0;
  for (let l = 1; l <= permutations; l += 1) {
    let sum = 0;
    for (let i = 0; i < a.length; i += 1) {
      const j = i + Math.floor(random() * (pooled.length - i));
      [pooled[i], pooled[j]] = [pooled[j], pooled[i]];
      sum += pooled[i];
    }
    const permuted = sum / a.length - (total - sum) / b.length;
    if (Math.abs(permuted) >= Math.abs(observed) - 1e-12) extreme += 1;
    if (extreme >= EARLY_STOP_EXTREMES) {
      return { statistic: observed, pValue: extreme / l, permutations: l };
    }
  }
  return { statistic: observed, pValue: (1 + extreme) / (1 + permutations), permutations };
}

describe('statistics', () => {
  describe('benjaminiHochberg', () => {
    // The worked example of Benjamini & Hochberg (1995, §4): 15 p-values, q* = 0.05 rejects
    // the four smallest. Adjusted values as R's p.adjust(p, "BH") gives them.
    const P = [
      0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719,
      0.6528, 0.759, 1,
    ];
    const ADJUSTED = [
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0638571, 0.0638571, 0.0645, 0.0765, 0.486,
      0.5811818, 0.714875, 0.7532308, 0.8132143, 1,
    ];

    it('matches the worked example, value by value', () => {
      const q = benjaminiHochberg(P);
      q.forEach((value, i) => expect(value).toBeCloseTo(ADJUSTED[i], 6));
      expect(q.filter((value) => value <= 0.05)).toHaveLength(4);
    });

    it('keeps the input order and is monotone in p', () => {
      const shuffled = [P[9], P[0], P[14], P[3], P[4]];
      const q = benjaminiHochberg(shuffled);
      // p·m/rank by hand: ranks 4, 1, 5, 2, 3 of 5 tests.
      expect(q[1]).toBeCloseTo(0.0005, 9);
      expect(q[3]).toBeCloseTo(0.02375, 9);
      expect(q[4]).toBeCloseTo(0.0335, 9);
      expect(q[0]).toBeCloseTo(0.405, 9);
      expect(q[2]).toBe(1);
    });

    it('takes the running minimum from the largest p down', () => {
      // p·m/rank = 0.04, 0.045, 0.04: the second is lowered to the third's 0.04.
      expect(benjaminiHochberg([0.04 / 3, 0.03, 0.04])).toEqual([
        expect.closeTo(0.04, 9),
        expect.closeTo(0.04, 9),
        expect.closeTo(0.04, 9),
      ]);
    });
  });

  describe('ranks and Spearman', () => {
    it('gives ties their average rank', () => {
      expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    });

    it('is ±1 for monotone series and matches a hand computation with ties', () => {
      expect(spearman([1, 2, 3, 4], [10, 40, 90, 160])).toBeCloseTo(1, 12);
      expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
      // ranks x = 1..5, y = [1, 2, 3.5, 5, 3.5]: Pearson of the ranks = 0.8207826816681233.
      expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 12);
    });
  });

  describe('permutation tests', () => {
    it('are deterministic for a seed', () => {
      const random = seededRandom(7);
      const x = Array.from({ length: 30 }, () => random());
      const y = Array.from({ length: 30 }, () => random());
      expect(spearmanPermutationTest(x, y, 500, 1)).toEqual(spearmanPermutationTest(x, y, 500, 1));
      expect(meanDifferencePermutationTest(x, y, 500, 1)).toEqual(
        meanDifferencePermutationTest(x, y, 500, 1),
      );
    });

    it('Spearman: the same statistic, p-value and draws as recomputing r on each draw', () => {
      const random = seededRandom(13);
      // Noise, planted effects of both signs, heavy ties, a constant series, up to 3 years.
      const cases: [number[], number[]][] = [];
      for (const n of [10, 37, 120, 490, 1096]) {
        const x = Array.from({ length: n }, () => random());
        for (const slope of [0, 0.15, -0.4, 2]) {
          cases.push([x, x.map((v) => slope * v + random())]);
        }
        cases.push([x.map((v) => Math.round(v * 4)), x.map((v) => Math.round(v * 3 + random()))]);
        cases.push([x, x.map(() => 6)]);
      }
      for (const [index, [x, y]] of cases.entries()) {
        const permutations = x.length > 200 ? 999 : 4999;
        expect(spearmanPermutationTest(x, y, permutations, index)).toEqual(
          spearmanReference(x, y, permutations, index),
        );
      }
    });

    it('difference of means: the same statistic, p-value and draws as the first version', () => {
      const random = seededRandom(17);
      for (const [n, m, shift] of [
        [8, 30, 0],
        [40, 60, 0.3],
        [200, 290, 0.15],
        [490, 600, 0.05],
        [12, 12, 2],
      ]) {
        const a = Array.from({ length: n }, () => Math.round((6 + shift + random()) * 10) / 10);
        const b = Array.from({ length: m }, () => Math.round((6 + random()) * 10) / 10);
        expect(meanDifferencePermutationTest(a, b, 2999, n)).toEqual(
          meanDifferenceReference(a, b, 2999, n),
        );
      }
    });

    it('give the smallest possible p to a clear effect', () => {
      const low = [1, 2, 2, 3, 1, 2, 3, 2, 1, 2];
      const high = low.map((value) => value + 5);
      const result = meanDifferencePermutationTest(high, low, 999, 3);
      expect(result.statistic).toBeCloseTo(5, 12);
      expect(result.pValue).toBeCloseTo(1 / 1000, 12);
      const x = Array.from({ length: 20 }, (_, i) => i);
      expect(
        spearmanPermutationTest(
          x,
          x.map((v) => v * v),
          999,
          3,
        ).pValue,
      ).toBeCloseTo(1 / 1000, 12);
    });

    it('stop early once the p-value is clearly large (Besag–Clifford h / l)', () => {
      const random = seededRandom(5);
      const a = Array.from({ length: 20 }, () => random());
      const b = Array.from({ length: 20 }, () => random());
      const result = meanDifferencePermutationTest(a, b, 9999, 1);
      expect(result.permutations).toBeLessThan(9999);
      expect(result.pValue).toBeCloseTo(50 / result.permutations, 12);
      expect(result.pValue).toBeGreaterThan(0.05);
    });

    it('are calibrated under the null: about 5% of p-values below 0.05', () => {
      const random = seededRandom(11);
      let below = 0;
      const runs = 300;
      for (let run = 0; run < runs; run += 1) {
        const a = Array.from({ length: 15 }, () => random());
        const b = Array.from({ length: 25 }, () => random());
        if (meanDifferencePermutationTest(a, b, 400, run).pValue <= 0.05) below += 1;
      }
      expect(below / runs).toBeGreaterThan(0.015);
      expect(below / runs).toBeLessThan(0.09);
    });
  });

  it("Cohen's d uses the pooled standard deviation", () => {
    // means 3 and 1, both variances 2.5 (n = 5): d = 2 / √2.5.
    expect(cohensD([1, 2, 3, 4, 5], [-1, 0, 1, 2, 3])).toBeCloseTo(2 / Math.sqrt(2.5), 12);
  });

  describe('robustZ', () => {
    it('is the modified z-score 0.6745 (x − median) / MAD', () => {
      // median 2, MAD 1 (the simple-statistics example).
      const score = robustZ(-2, [1, 1, 2, 2, 4, 6, 9])!;
      expect(score.median).toBe(2);
      expect(score.mad).toBe(1);
      expect(score.z).toBeCloseTo(-2.698, 12);
    });

    it('falls back to the mean absolute deviation when MAD is 0, and gives up without spread', () => {
      // median 5, MAD 0, mean absolute deviation 4/5 = 0.8.
      expect(robustZ(1, [5, 5, 5, 5, 9])!.z).toBeCloseTo(-4 / (1.2533 * 0.8), 12);
      expect(robustZ(1, [5, 5, 5])).toBeNull();
    });
  });
});
