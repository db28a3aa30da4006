import { ApiProperty } from '@nestjs/swagger';
import { LengthUnit } from '../../../common/units/length-unit';
import { WeightUnit } from '../../../common/units/weight-unit';
import { BodyMetric } from '../entities/body-metric.entity';
import { BodyMeasurement, fromStored, MEASUREMENTS, MeasurementUnits } from '../measurements';
import { BodyMetricField } from './body-metric-fields';

const { Weight, BodyFat, Waist, Chest, Hips, Neck, Arm, Thigh } = BodyMeasurement;

/** A reading in the caller's units, which it names. */
export class BodyMetricDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-11-20T07:30:00.000Z' })
  measuredAt: string;
  @BodyMetricField.measured(Weight) weight: number | null;
  @ApiProperty({ enum: WeightUnit, enumName: 'WeightUnit', example: WeightUnit.Kilogram })
  weightUnit: WeightUnit;
  @BodyMetricField.measured(BodyFat) bodyFat: number | null;
  @BodyMetricField.measured(Waist) waist: number | null;
  @BodyMetricField.measured(Chest) chest: number | null;
  @BodyMetricField.measured(Hips) hips: number | null;
  @BodyMetricField.measured(Neck) neck: number | null;
  @BodyMetricField.measured(Arm) arm: number | null;
  @BodyMetricField.measured(Thigh) thigh: number | null;
  @ApiProperty({
    enum: LengthUnit,
    enumName: 'LengthUnit',
    example: LengthUnit.Centimetre,
    description: 'The unit of every circumference',
  })
  lengthUnit: LengthUnit;
  @ApiProperty({ nullable: true, type: String, example: 'Morning, before breakfast' })
  note: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: string;

  static from(metric: BodyMetric, units: MeasurementUnits): BodyMetricDto {
    const value = (measurement: BodyMeasurement) => {
      const stored = metric[MEASUREMENTS[measurement].property];
      return stored === null ? null : fromStored(measurement, stored, units);
    };
    return {
      id: metric.id,
      measuredAt: metric.measuredAt.toISOString(),
      weight: value(Weight),
      weightUnit: units.weightUnit,
      bodyFat: value(BodyFat),
      waist: value(Waist),
      chest: value(Chest),
      hips: value(Hips),
      neck: value(Neck),
      arm: value(Arm),
      thigh: value(Thigh),
      lengthUnit: units.lengthUnit,
      note: metric.note,
      createdAt: metric.createdAt.toISOString(),
      updatedAt: metric.updatedAt.toISOString(),
    };
  }
}
