import { dots } from './dots';

describe('dots', () => {
  it('matches published DOTS scores (men)', () => {
    // 700 kg at 100 kg body weight: 430.86 (a coefficient of 0.6155 per kg lifted).
    expect(dots(700, 100)).toBeCloseTo(430.86, 1);
    expect(dots(600, 90)).toBeCloseTo(387.96, 1);
    expect(dots(500, 60)).toBeCloseTo(422.02, 1);
  });

  it('clamps the body weight', () => {
    expect(dots(100, 300)).toBe(dots(100, 210));
    expect(dots(100, 20)).toBe(dots(100, 40));
  });
});
