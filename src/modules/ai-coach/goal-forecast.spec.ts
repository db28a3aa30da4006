import {
  forecastBodyWeight,
  forecastStrength,
  Point,
  STRENGTH_TIME_CONSTANT_WEEKS,
} from './goal-forecast';

const NOW = new Date('2026-12-01T00:00:00Z');
const weeksAgo = (w: number) => new Date(NOW.getTime() - w * 7 * 86_400_000);
const weeksAhead = (w: number) => new Date(NOW.getTime() + w * 7 * 86_400_000);

/** A lifter gaining 1 kg of e1RM a week for ten weeks, up to 110 kg. */
const strength: Point[] = Array.from({ length: 10 }, (_, i) => ({
  at: weeksAgo(9 - i),
  kg: 101 + i,
}));

describe('forecastStrength', () => {
  it('projects the trend with diminishing returns: the gain is bounded by rate × τ', () => {
    const f = forecastStrength(strength, 120, weeksAhead(12), NOW);
    expect(f.currentKg).toBe(110);
    expect(f.trendKgPerWeek).toBeCloseTo(1, 5);
    // 12 weeks at 1 kg a week would be 12 kg; the decaying rate gives 26·(1 − e^(−12/26)) ≈ 9.6 kg.
    expect(f.proposedTargetKg!.value).toBeCloseTo(110 + 26 * (1 - Math.exp(-12 / 26)), 0);
    expect(f.realistic).toBe(false);
    expect(f.proposedDate!.date > '2027-02-23').toBe(true);
    const far = forecastStrength(
      strength,
      110 + STRENGTH_TIME_CONSTANT_WEEKS + 5,
      weeksAhead(52),
      NOW,
    );
    expect(far.proposedDate).toBeNull();
    expect(far.realistic).toBe(false);
  });

  it('says so when there is too little history', () => {
    const f = forecastStrength(strength.slice(0, 2), 120, weeksAhead(12), NOW);
    expect(f).toMatchObject({ realistic: null, proposedDate: null });
    expect(f.verdict).toMatch(/three different weeks/);
  });
});

describe('forecastBodyWeight', () => {
  const readings: Point[] = [100, 99.4, 98.9, 98.2].map((kg, i) => ({ at: weeksAgo(3 - i), kg }));

  it('accepts up to 1 % of body weight a week of loss, and proposes a date at 0.75 %', () => {
    expect(forecastBodyWeight(readings, 95, weeksAhead(8), NOW).realistic).toBe(true);
    const fast = forecastBodyWeight(readings, 88, weeksAhead(6), NOW);
    expect(fast.realistic).toBe(false);
    const weeks = Math.log(88 / 98.2) / Math.log(1 - 0.0075);
    const expected = new Date(NOW.getTime() + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
    expect(fast.proposedDate!.date).toBe(expected);
    expect(fast.proposedDate!.earliest < fast.proposedDate!.date).toBe(true);
    expect(fast.proposedTargetKg!.value).toBeGreaterThan(88);
  });

  it('caps gain at 0.5 % a week', () => {
    expect(forecastBodyWeight(readings, 100, weeksAhead(2), NOW).realistic).toBe(false);
    expect(forecastBodyWeight(readings, 100, weeksAhead(8), NOW).realistic).toBe(true);
  });
});
