import { ApiPropertyOptional } from '@nestjs/swagger';
import { PastInstant } from '../../../common/validation/instant.decorator';
import { BodyMeasurement } from '../measurements';
import { BodyMetricField, NOTE_MAX_LENGTH } from './body-metric-fields';
import { Nullable, Omittable } from '../../../common/validation/presence';

const { Weight, BodyFat, Waist, Chest, Hips, Neck, Arm, Thigh } = BodyMeasurement;

/** At least one measurement is required (checked with the ranges, after unit conversion). */
export class CreateBodyMetricDto {
  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    example: '2026-11-20T07:30:00.000Z',
    description:
      'When it was measured (ISO 8601); defaults to now. Not before 2000, at most a day ahead. ' +
      'One reading per instant: another one at the same instant is a 409.',
  })
  @Omittable()
  @PastInstant()
  measuredAt?: Date;

  @BodyMetricField.measurement(Weight, { clearable: false }) weight?: number | null;
  @BodyMetricField.measurement(BodyFat, { clearable: false }) bodyFat?: number | null;
  @BodyMetricField.measurement(Waist, { clearable: false }) waist?: number | null;
  @BodyMetricField.measurement(Chest, { clearable: false }) chest?: number | null;
  @BodyMetricField.measurement(Hips, { clearable: false }) hips?: number | null;
  @BodyMetricField.measurement(Neck, { clearable: false }) neck?: number | null;
  @BodyMetricField.measurement(Arm, { clearable: false }) arm?: number | null;
  @BodyMetricField.measurement(Thigh, { clearable: false }) thigh?: number | null;

  @ApiPropertyOptional({
    maxLength: NOTE_MAX_LENGTH,
    nullable: true,
    type: String,
    example: 'Morning, before breakfast',
  })
  @Nullable()
  @BodyMetricField.note()
  note?: string | null;
}
