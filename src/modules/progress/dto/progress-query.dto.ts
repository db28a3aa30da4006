import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, Max, Min } from 'class-validator';
import { IsLocalDate } from '../../../common/validation/local-date.decorator';
import { Omittable } from '../../../common/validation/presence';

/** Three years: the longest period any progress route aggregates. */
export const MAX_PERIOD_WEEKS = 156;

/**
 * A period of whole ISO weeks (Monday to Sunday, in the caller's time zone): the `weeks`
 * weeks ending with the week of `endDate`, cut at `endDate` itself.
 */
export class ProgressPeriodQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PERIOD_WEEKS,
    default: 12,
    description: 'ISO weeks in the period, the current one included',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PERIOD_WEEKS)
  weeks: number = 12;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    example: '2026-11-20',
    description: 'Last day of the period, a date in your time zone; defaults to today there',
  })
  @Omittable()
  @IsLocalDate()
  endDate?: string;
}

/** The points of an e1RM series: the best session of each ISO week, or every session. */
export enum SeriesResolution {
  Week = 'week',
  Session = 'session',
}

export class StrengthSeriesQueryDto extends ProgressPeriodQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PERIOD_WEEKS, default: 52 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PERIOD_WEEKS)
  override weeks: number = 52;

  @ApiPropertyOptional({
    enum: SeriesResolution,
    enumName: 'SeriesResolution',
    default: SeriesResolution.Week,
    description:
      '`week`: one point per ISO week, its best session (highest e1RM, then the earliest), ' +
      'at most `weeks` points; `session`: every session',
  })
  @Omittable()
  @IsEnum(SeriesResolution)
  resolution: SeriesResolution = SeriesResolution.Week;
}

export class TrainingAnalyticsQueryDto extends ProgressPeriodQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 14,
    description:
      'Workouts per week that count as a consistent week; defaults to your typical week ' +
      '(the median count of the weeks you trained in the period)',
  })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(14)
  targetPerWeek?: number;
}
