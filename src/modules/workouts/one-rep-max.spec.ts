import { WeightUnit } from '../../common/units/weight-unit';
import { estimateOneRepMax, MAX_E1RM_REPS, percentOfOneRepMaxKg } from './one-rep-max';

describe('estimateOneRepMax', () => {
  it.each([
    // Brzycki below 10 reps: w × 36 / (37 − r)
    [100, 1, 100], // a single is its own 1RM
    [100, 5, 112.5], // 100 × 36 / 32
    [102.5, 3, 108.53], // 102.5 × 36 / 34 = 108.529…
    [60, 9, 77.14], // 60 × 36 / 28 = 77.142…
    // Epley from 10 reps: w × (1 + r / 30)
    [90, 10, 120], // 90 × 4/3, Brzycki gives the same at 10
    [80, 12, 112], // 80 × 1.4
    [60, 15, 90], // 60 × 1.5, the last estimated rep count
  ])('%d kg × %d reps → %d kg', (weight, reps, expected) => {
    expect(estimateOneRepMax(weight, reps)).toBe(expected);
  });

  it('is continuous where the formulas switch', () => {
    const brzyckiAt10 = (100 * 36) / (37 - 10);
    const epleyAt10 = 100 * (1 + 10 / 30);
    expect(brzyckiAt10).toBeCloseTo(epleyAt10, 10);
    expect(estimateOneRepMax(100, 10)).toBe(133.33);
  });

  it.each([
    ['more reps than the cap', 60, MAX_E1RM_REPS + 1],
    ['no reps', 100, 0],
    ['no weight', null, 5],
    ['a zero weight (body weight)', 0, 5],
    ['unknown reps', 100, null],
  ])('has no estimate for %s', (_label, weight, reps) => {
    expect(estimateOneRepMax(weight, reps)).toBeNull();
  });
});

describe('percentOfOneRepMaxKg', () => {
  it('rounds to the nearest 2.5 kg for a kilogram user', () => {
    // 75% of 112.5 = 84.375 → 85
    expect(percentOfOneRepMaxKg(112.5, 75, WeightUnit.Kilogram)).toBe(85);
    // 80% of 100 = 80 exactly
    expect(percentOfOneRepMaxKg(100, 80, WeightUnit.Kilogram)).toBe(80);
  });

  it('rounds to the nearest 5 lb for a pound user, stored in kg', () => {
    // 112.5 kg = 248.02 lb; 75% = 186.01 lb → 185 lb = 83.915 kg
    expect(percentOfOneRepMaxKg(112.5, 75, WeightUnit.Pound)).toBe(83.915);
  });
});
