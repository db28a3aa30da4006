import { fromKilograms, toKilograms, WeightUnit } from './weight-unit';

describe('weight units', () => {
  it('stores kilograms as sent', () => {
    expect(toKilograms(102.5, WeightUnit.Kilogram)).toBe(102.5);
    expect(fromKilograms(102.5, WeightUnit.Kilogram)).toBe(102.5);
  });

  it('converts pounds with the exact factor, to the gram', () => {
    expect(toKilograms(225, WeightUnit.Pound)).toBe(102.058); // 225 × 0.45359237 = 102.0582…
    expect(toKilograms(45, WeightUnit.Pound)).toBe(20.412);
  });

  it('reads kilograms back in pounds to two decimals, round-tripping what was sent', () => {
    expect(fromKilograms(100, WeightUnit.Pound)).toBe(220.46);
    expect(fromKilograms(toKilograms(225, WeightUnit.Pound), WeightUnit.Pound)).toBe(225);
    expect(fromKilograms(toKilograms(132.5, WeightUnit.Pound), WeightUnit.Pound)).toBe(132.5);
  });
});
