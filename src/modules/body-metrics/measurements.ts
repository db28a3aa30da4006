import { FieldError } from '../../common/errors/problem-details';
import {
  CM_PER_INCH,
  fromCentimetres,
  LengthUnit,
  toCentimetres,
} from '../../common/units/length-unit';
import { fromKilograms, KG_PER_LB, toKilograms, WeightUnit } from '../../common/units/weight-unit';

/** What a body metric can measure; also the API's field names and `metric` values. */
export enum BodyMeasurement {
  Weight = 'weight',
  BodyFat = 'bodyFat',
  Waist = 'waist',
  Chest = 'chest',
  Hips = 'hips',
  Neck = 'neck',
  Arm = 'arm',
  Thigh = 'thigh',
}

export const BODY_MEASUREMENTS = Object.values(BodyMeasurement);

/** The entity property holding each measurement, in its stored unit. */
export type MeasurementProperty =
  'weightKg' | 'bodyFatPct' | 'waistCm' | 'chestCm' | 'hipsCm' | 'neckCm' | 'armCm' | 'thighCm';

type Kind = 'weight' | 'percent' | 'length';

interface MeasurementSpec {
  property: MeasurementProperty;
  /** The SQL column; analytics queries interpolate it, so it only ever comes from here. */
  column: string;
  kind: Kind;
  /** Plausible range in the stored unit (kg, %, cm), inclusive. */
  min: number;
  max: number;
}

const WEIGHT_KG = { min: 20, max: 400 };
const CIRCUMFERENCE_CM = { min: 10, max: 250 };

export const MEASUREMENTS: Record<BodyMeasurement, MeasurementSpec> = {
  weight: { property: 'weightKg', column: 'weight_kg', kind: 'weight', ...WEIGHT_KG },
  bodyFat: { property: 'bodyFatPct', column: 'body_fat_pct', kind: 'percent', min: 2, max: 70 },
  waist: { property: 'waistCm', column: 'waist_cm', kind: 'length', ...CIRCUMFERENCE_CM },
  chest: { property: 'chestCm', column: 'chest_cm', kind: 'length', ...CIRCUMFERENCE_CM },
  hips: { property: 'hipsCm', column: 'hips_cm', kind: 'length', ...CIRCUMFERENCE_CM },
  neck: { property: 'neckCm', column: 'neck_cm', kind: 'length', ...CIRCUMFERENCE_CM },
  arm: { property: 'armCm', column: 'arm_cm', kind: 'length', ...CIRCUMFERENCE_CM },
  thigh: { property: 'thighCm', column: 'thigh_cm', kind: 'length', ...CIRCUMFERENCE_CM },
};

/** The user's preferred units: requests and responses use them, storage does not. */
export interface MeasurementUnits {
  weightUnit: WeightUnit;
  lengthUnit: LengthUnit;
}

const PERCENT = '%';

/** The unit of a measurement's values: the user's weight or length unit, or percent. */
export type MeasurementUnit = WeightUnit | LengthUnit | typeof PERCENT;
export const MEASUREMENT_UNITS: MeasurementUnit[] = [
  ...Object.values(WeightUnit),
  ...Object.values(LengthUnit),
  PERCENT,
];

export function unitOf(measurement: BodyMeasurement, units: MeasurementUnits): MeasurementUnit {
  const { kind } = MEASUREMENTS[measurement];
  if (kind === 'weight') return units.weightUnit;
  if (kind === 'length') return units.lengthUnit;
  return PERCENT;
}

/** A value in the user's unit, in the stored unit. */
export function toStored(
  measurement: BodyMeasurement,
  value: number,
  units: MeasurementUnits,
): number {
  const { kind } = MEASUREMENTS[measurement];
  if (kind === 'weight') return toKilograms(value, units.weightUnit);
  if (kind === 'length') return toCentimetres(value, units.lengthUnit);
  return value;
}

/**
 * A stored value (or a difference or rate of them: every conversion is a plain factor) in the
 * user's unit, to two decimals.
 */
export function fromStored(
  measurement: BodyMeasurement,
  stored: number,
  units: MeasurementUnits,
): number {
  const { kind } = MEASUREMENTS[measurement];
  if (kind === 'weight') return fromKilograms(stored, units.weightUnit);
  if (kind === 'length') return fromCentimetres(stored, units.lengthUnit);
  return Math.round(stored * 100) / 100;
}

/** How many stored units (kg, cm, %) one of the user's units is. */
function storedPerUserUnit(measurement: BodyMeasurement, units: MeasurementUnits): number {
  const { kind } = MEASUREMENTS[measurement];
  if (kind === 'weight') return units.weightUnit === WeightUnit.Pound ? KG_PER_LB : 1;
  if (kind === 'length') return units.lengthUnit === LengthUnit.Inch ? CM_PER_INCH : 1;
  return 1;
}

/**
 * The accepted range in the user's unit, rounded inwards to two decimals so that every value
 * the message allows also passes once converted (20 kg = 44.092 lb: "at least 44.1 lb").
 */
export function boundsIn(
  measurement: BodyMeasurement,
  units: MeasurementUnits,
): { min: number; max: number } {
  const { min, max } = MEASUREMENTS[measurement];
  const factor = storedPerUserUnit(measurement, units);
  return {
    min: Math.ceil((min / factor) * 100) / 100,
    max: Math.floor((max / factor) * 100) / 100,
  };
}

/** Stored values keyed by entity property; null clears a measurement on update. */
export type StoredMeasurements = Partial<Record<MeasurementProperty, number | null>>;

/**
 * A request's measurements (in the user's units; undefined: not sent, null: clear) as stored
 * values, with a field error for each one outside its plausible range once converted.
 */
export function toStoredMeasurements(
  sent: Partial<Record<BodyMeasurement, number | null>>,
  units: MeasurementUnits,
): { stored: StoredMeasurements; errors: FieldError[] } {
  const stored: StoredMeasurements = {};
  const errors: FieldError[] = [];
  for (const measurement of BODY_MEASUREMENTS) {
    const value = sent[measurement];
    if (value === undefined) continue;
    const { property, min, max } = MEASUREMENTS[measurement];
    if (value === null) {
      stored[property] = null;
      continue;
    }
    const converted = toStored(measurement, value, units);
    if (converted < min || converted > max) {
      const bounds = boundsIn(measurement, units);
      const unit = unitOf(measurement, units);
      errors.push({
        field: measurement,
        messages: [`${measurement} must be between ${bounds.min} and ${bounds.max} ${unit}`],
      });
    }
    stored[property] = converted;
  }
  return { stored, errors };
}

/**
 * A reading has to measure something: a field error on every measurement field (the client
 * may fill in any of them) when none holds a value.
 */
export function nothingMeasuredErrors(values: StoredMeasurements): FieldError[] {
  const measured = BODY_MEASUREMENTS.some(
    (measurement) => values[MEASUREMENTS[measurement].property] != null,
  );
  return measured
    ? []
    : BODY_MEASUREMENTS.map((measurement) => ({
        field: measurement,
        messages: [`${measurement} or another measurement is required`],
      }));
}

/** A reading with nothing measured yet: the base a new row's sent measurements go onto. */
export const NO_MEASUREMENTS: Record<MeasurementProperty, null> = {
  weightKg: null,
  bodyFatPct: null,
  waistCm: null,
  chestCm: null,
  hipsCm: null,
  neckCm: null,
  armCm: null,
  thighCm: null,
};
