import { ApiPropertyOptional } from '@nestjs/swagger';
import { PastInstant } from '../../../common/validation/instant.decorator';
import { BodyMeasurement } from '../measurements';
import { BodyMetricField, NOTE_MAX_LENGTH } from './body-metric-fields';
import { Nullable, Omittable } from '../../../common/validation/presence';

const { Weight, BodyFat, Waist, Chest, Hips, Neck, Arm, Thigh } = BodyMeasurement;

/**
 * PUT: send only what changes; `null` clears a measurement or the note. The reading must keep
 * at least one measurement.
 */
export class UpdateBodyMetricDto {
  @ApiPropertyOptional({ type: 'string', format: 'date-time', example: '2026-11-20T07:30:00.000Z' })
  @Omittable()
  @PastInstant()
  measuredAt?: Date;

  @BodyMetricField.measurement(Weight, { clearable: true }) weight?: number | null;
  @BodyMetricField.measurement(BodyFat, { clearable: true }) bodyFat?: number | null;
  @BodyMetricField.measurement(Waist, { clearable: true }) waist?: number | null;
  @BodyMetricField.measurement(Chest, { clearable: true }) chest?: number | null;
  @BodyMetricField.measurement(Hips, { clearable: true }) hips?: number | null;
  @BodyMetricField.measurement(Neck, { clearable: true }) neck?: number | null;
  @BodyMetricField.measurement(Arm, { clearable: true }) arm?: number | null;
  @BodyMetricField.measurement(Thigh, { clearable: true }) thigh?: number | null;

  @ApiPropertyOptional({ type: 'string', maxLength: NOTE_MAX_LENGTH, nullable: true })
  @Nullable()
  @BodyMetricField.note()
  note?: string | null;
}
