import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNumber, IsPositive, IsString, MaxLength } from 'class-validator';
import { IsLocalDate } from '../../../common/validation/local-date.decorator';
import { trimString } from '../../../common/validation/transforms';
import { BodyMeasurement, MEASUREMENTS } from '../measurements';
import { Nullable } from '../../../common/validation/presence';

export const NOTE_MAX_LENGTH = 500;

const MEASUREMENT_DOCS: Record<BodyMeasurement, { label: string; example: number }> = {
  weight: { label: 'Body weight', example: 81.2 },
  bodyFat: { label: 'Body fat', example: 18.5 },
  waist: { label: 'Waist circumference', example: 84 },
  chest: { label: 'Chest circumference', example: 101.5 },
  hips: { label: 'Hip circumference', example: 97 },
  neck: { label: 'Neck circumference', example: 38.5 },
  arm: { label: 'Upper-arm circumference', example: 33 },
  thigh: { label: 'Thigh circumference', example: 56 },
};

function describeMeasurement(measurement: BodyMeasurement): string {
  const { kind, min, max } = MEASUREMENTS[measurement];
  const { label } = MEASUREMENT_DOCS[measurement];
  if (kind === 'weight') return `${label} in your weight unit (kg or lb), ${min}–${max} kg`;
  if (kind === 'length') return `${label} in your length unit (cm or in), ${min}–${max} cm`;
  return `${label}, percent of body weight, ${min}–${max} %`;
}

/** Shared documentation and validation, so create, update, queries and responses agree. */
export const BodyMetricField = {
  /**
   * A measurement in the user's unit, or null for none (on an update: clears it). Only the
   * shape is checked here; the plausible range depends on the unit and is checked by the
   * service after conversion.
   */
  measurement: (measurement: BodyMeasurement, options: { clearable: boolean }) =>
    applyDecorators(
      ApiPropertyOptional({
        type: Number,
        nullable: true,
        example: MEASUREMENT_DOCS[measurement].example,
        description:
          describeMeasurement(measurement) +
          (options.clearable ? '; `null` clears it' : '; `null` or absent: not measured') +
          '. Two decimals at most.',
      }),
      Nullable(),
      IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }),
      IsPositive(),
    ),
  /** A measurement in a response: the user's unit, two decimals, null when not measured. */
  measured: (measurement: BodyMeasurement) =>
    ApiProperty({
      type: Number,
      nullable: true,
      example: MEASUREMENT_DOCS[measurement].example,
      description: describeMeasurement(measurement),
    }),
  note: () => applyDecorators(Transform(trimString), IsString(), MaxLength(NOTE_MAX_LENGTH)),
  localDate: IsLocalDate,
};
