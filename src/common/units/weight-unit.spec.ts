import {
  fromKilograms,
  prescribedWeight,
  roundToPlates,
  toKilograms,
  WeightUnit,
} from './weight-unit';

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

  it('rounds a load to the plates of its unit: 2.5 kg, 5 lb', () => {
    expect(roundToPlates(84.375, WeightUnit.Kilogram)).toBe(85);
    expect(roundToPlates(83.7, WeightUnit.Kilogram)).toBe(82.5);
    expect(roundToPlates(132.28, WeightUnit.Pound)).toBe(130);
    expect(roundToPlates(137.79, WeightUnit.Pound)).toBe(140);
  });

  it('shows a prescription exactly in the unit it was written in, else rounded to plates', () => {
    const written = toKilograms(137.5, WeightUnit.Pound);
    expect(prescribedWeight(written, WeightUnit.Pound, WeightUnit.Pound)).toBe(137.5);
    expect(prescribedWeight(written, WeightUnit.Pound, WeightUnit.Kilogram)).toBe(62.5);
    expect(prescribedWeight(61.25, WeightUnit.Kilogram, WeightUnit.Kilogram)).toBe(61.25);
    expect(prescribedWeight(60, WeightUnit.Kilogram, WeightUnit.Pound)).toBe(130);
  });
});
