import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, Max, Min } from 'class-validator';
import { BodyMeasurement } from '../measurements';
import { BodyMetricField } from './body-metric-fields';
import { Omittable } from '../../../common/validation/presence';

/** Which metric, over which local days: the `days` days ending on `endDate`. */
export abstract class BodyPeriodQueryDto {
  @ApiPropertyOptional({
    enum: BodyMeasurement,
    enumName: 'BodyMeasurement',
    default: BodyMeasurement.Weight,
  })
  @IsEnum(BodyMeasurement)
  metric: BodyMeasurement = BodyMeasurement.Weight;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    example: '2026-11-20',
    description: 'Last day of the period, a date in your time zone; defaults to today there',
  })
  @Omittable()
  @BodyMetricField.localDate()
  endDate?: string;

  /** Days in the period, bounded by each query. */
  abstract days: number;
}

export class BodyAnalyticsQueryDto extends BodyPeriodQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 730,
    default: 90,
    description: 'Days in the period',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(730)
  days: number = 90;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 90,
    default: 7,
    description: 'Days (calendar days, not readings) in each moving average',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  window: number = 7;
}

export class BodyPredictionQueryDto extends BodyPeriodQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 15,
    maximum: 365,
    default: 90,
    description: 'Days of history the trend is fitted to',
  })
  @Type(() => Number)
  @IsInt()
  @Min(15)
  @Max(365)
  days: number = 90;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 365,
    default: 30,
    description: 'How many days after `endDate` to project to',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  horizonDays: number = 30;
}
