import { ApiProperty } from '@nestjs/swagger';
import { BodyMeasurement, MEASUREMENT_UNITS, MeasurementUnit } from '../measurements';

const LOCAL_DAY = { type: 'string', format: 'date', example: '2026-11-18' } as const;

export class DatedValueDto {
  @ApiProperty({ ...LOCAL_DAY, description: 'A day in your time zone' }) date: string;
  @ApiProperty({ type: 'number', example: 81.2 }) value: number;
}

export class BodyDayDto {
  @ApiProperty({ ...LOCAL_DAY, description: 'A day in your time zone' }) date: string;
  @ApiProperty({ type: 'number', example: 81.2, description: "Mean of the day's readings" })
  value: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 }) readings: number;
  @ApiProperty({
    type: 'number',
    example: 81.45,
    description: 'Mean of the daily values of the `window` days ending on this one',
  })
  movingAverage: number;
}

/** What a series of one measurement is in: the analytics and the prediction start with it. */
export class MeasurementSeriesDto {
  @ApiProperty({ enum: BodyMeasurement, enumName: 'BodyMeasurement' }) metric: BodyMeasurement;
  @ApiProperty({
    enum: MEASUREMENT_UNITS,
    enumName: 'MeasurementUnit',
    example: 'kg',
    description: 'Unit of every value: your weight or length unit, or % for body fat',
  })
  unit: MeasurementUnit;
  @ApiProperty({ example: 'Europe/Paris', description: 'The time zone the days are counted in' })
  timeZone: string;
}

export class BodyAnalyticsDto extends MeasurementSeriesDto {
  @ApiProperty({ ...LOCAL_DAY, example: '2026-08-23', description: 'First day of the period' })
  from: string;
  @ApiProperty({ ...LOCAL_DAY, example: '2026-11-20', description: 'Last day of the period' })
  to: string;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 7,
    description: 'Days in each moving average',
  })
  window: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 61,
    description: 'Days with a reading in the period',
  })
  points: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 64 }) readings: number;
  @ApiProperty({ type: DatedValueDto, nullable: true }) first: DatedValueDto | null;
  @ApiProperty({ type: DatedValueDto, nullable: true }) last: DatedValueDto | null;
  @ApiProperty({ type: DatedValueDto, nullable: true, description: 'Lowest daily value' })
  min: DatedValueDto | null;
  @ApiProperty({ type: DatedValueDto, nullable: true, description: 'Highest daily value' })
  max: DatedValueDto | null;
  @ApiProperty({ nullable: true, type: Number, example: -2.4, description: 'last − first' })
  change: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: -0.35,
    description:
      'Least-squares slope of the daily values, per 7 days; null with fewer than two days',
  })
  ratePerWeek: number | null;
  @ApiProperty({ type: [BodyDayDto], description: 'Days with readings, oldest first' })
  series: BodyDayDto[];
}
