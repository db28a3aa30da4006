import { LengthUnit } from '../../common/units/length-unit';
import { WeightUnit } from '../../common/units/weight-unit';
import {
  BodyMeasurement,
  boundsIn,
  fromStored,
  nothingMeasuredErrors,
  NO_MEASUREMENTS,
  toStoredMeasurements,
  unitOf,
} from './measurements';

const METRIC = { weightUnit: WeightUnit.Kilogram, lengthUnit: LengthUnit.Centimetre };
const IMPERIAL = { weightUnit: WeightUnit.Pound, lengthUnit: LengthUnit.Inch };

describe('body measurements', () => {
  it('stores kg, % and cm, converting pounds and inches', () => {
    expect(toStoredMeasurements({ weight: 81.2, bodyFat: 18.5, waist: 84 }, METRIC)).toEqual({
      stored: { weightKg: 81.2, bodyFatPct: 18.5, waistCm: 84 },
      errors: [],
    });
    expect(toStoredMeasurements({ weight: 180, bodyFat: 18.5, waist: 33 }, IMPERIAL)).toEqual({
      stored: { weightKg: 81.647, bodyFatPct: 18.5, waistCm: 83.82 },
      errors: [],
    });
  });

  it('keeps null (clear) apart from undefined (not sent)', () => {
    expect(toStoredMeasurements({ weight: null, waist: undefined }, METRIC).stored).toEqual({
      weightKg: null,
    });
  });

  it('reads stored values back in the user unit, and names it', () => {
    expect(fromStored(BodyMeasurement.Weight, 81.647, IMPERIAL)).toBe(180);
    expect(fromStored(BodyMeasurement.Waist, 83.82, IMPERIAL)).toBe(33);
    expect(fromStored(BodyMeasurement.BodyFat, 18.456, IMPERIAL)).toBe(18.46);
    expect(unitOf(BodyMeasurement.Weight, IMPERIAL)).toBe('lb');
    expect(unitOf(BodyMeasurement.Thigh, METRIC)).toBe('cm');
    expect(unitOf(BodyMeasurement.BodyFat, METRIC)).toBe('%');
  });

  it('checks ranges after conversion and states them in the user unit, rounded inwards', () => {
    expect(boundsIn(BodyMeasurement.Weight, METRIC)).toEqual({ min: 20, max: 400 });
    expect(boundsIn(BodyMeasurement.Weight, IMPERIAL)).toEqual({ min: 44.1, max: 881.84 });
    expect(boundsIn(BodyMeasurement.Neck, IMPERIAL)).toEqual({ min: 3.94, max: 98.42 });
    // The stated bounds themselves pass; a hair beyond them does not.
    expect(
      toStoredMeasurements({ weight: 44.1, neck: 3.94, thigh: 98.42 }, IMPERIAL).errors,
    ).toEqual([]);
    const { errors } = toStoredMeasurements({ weight: 44.09, bodyFat: 71, arm: 98.43 }, IMPERIAL);
    expect(errors).toEqual([
      { field: 'weight', messages: ['weight must be between 44.1 and 881.84 lb'] },
      { field: 'bodyFat', messages: ['bodyFat must be between 2 and 70 %'] },
      { field: 'arm', messages: ['arm must be between 3.94 and 98.42 in'] },
    ]);
  });

  it('requires something measured, pointing at every measurement field', () => {
    expect(nothingMeasuredErrors({ waistCm: 80 })).toEqual([]);
    const errors = nothingMeasuredErrors({ ...NO_MEASUREMENTS });
    expect(errors.map((e) => e.field)).toEqual([
      'weight',
      'bodyFat',
      'waist',
      'chest',
      'hips',
      'neck',
      'arm',
      'thigh',
    ]);
    expect(errors[0].messages).toEqual(['weight or another measurement is required']);
  });
});
