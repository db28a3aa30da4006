import { Sex } from '../users/user.vocabulary';
import { dots, dotsCoefficients, DOTS_MEN, DOTS_WOMEN } from './dots';

/**
 * Worked values of DOTS (OpenPowerlifting, modules/opltypes/src/formula/dots.rs, 2019):
 * points = lift × 500 / (a + b·bw + c·bw² + d·bw³ + e·bw⁴), body weight clamped.
 */
describe('dots', () => {
  it('scores men with the men’s coefficients', () => {
    // bw 100: denominator −307.75076 + 2409.00756 − 1918.759221 + 739.1293 − 109.3 = 812.3269,
    // so 500 / 812.3269 = 0.61552 points per kg lifted: 700 kg → 430.86.
    expect(dots(700, 100, DOTS_MEN)).toBeCloseTo(430.86, 1);
    expect(dots(600, 90, DOTS_MEN)).toBeCloseTo(387.96, 1);
    expect(dots(500, 60, DOTS_MEN)).toBeCloseTo(422.02, 1);
  });

  it('scores women with the women’s coefficients', () => {
    // bw 57: denominator −57.96288 + 776.1976824 − 366.0503703 + 95.5300… − 11.3018… = 436.4162,
    // so 1.14570 points per kg: 500 kg → 572.85 (the men's formula would give 440.67).
    expect(dots(500, 57, DOTS_WOMEN)).toBeCloseTo(572.85, 1);
    // bw 60: denominator 451.0414, 1.10855 per kg: 300 kg → 332.56.
    expect(dots(300, 60, DOTS_WOMEN)).toBeCloseTo(332.56, 1);
    // bw 100: 0.85335 per kg (men: 0.61552).
    expect(dots(100, 100, DOTS_WOMEN)).toBeCloseTo(85.34, 1);
  });

  it('clamps the body weight: 40–210 kg for men, 40–150 kg for women', () => {
    expect(dots(100, 300, DOTS_MEN)).toBe(dots(100, 210, DOTS_MEN));
    expect(dots(100, 20, DOTS_MEN)).toBe(dots(100, 40, DOTS_MEN));
    expect(dots(100, 180, DOTS_WOMEN)).toBe(dots(100, 150, DOTS_WOMEN));
    expect(dots(100, 150, DOTS_WOMEN)).toBeCloseTo(77.08, 1);
  });

  it('picks the coefficients by stated sex; not said: the men’s', () => {
    expect(dotsCoefficients(Sex.Female)).toBe(DOTS_WOMEN);
    expect(dotsCoefficients(Sex.Male)).toBe(DOTS_MEN);
    expect(dotsCoefficients(null)).toBe(DOTS_MEN);
  });

  it('never rates a lift higher with the men’s coefficients than with the women’s', () => {
    // Why "not said" uses the men's: not saying never helps anyone up a board.
    for (let bw = 30; bw <= 250; bw += 0.5) {
      expect(dots(100, bw, DOTS_MEN)).toBeLessThan(dots(100, bw, DOTS_WOMEN));
    }
  });
});
