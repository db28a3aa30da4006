import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsString, MaxLength } from 'class-validator';
import { IsLocalDate } from '../../../common/validation/local-date.decorator';
import { Omittable } from '../../../common/validation/presence';
import { DEFAULT_PERIOD_DAYS, MAX_PERIOD_DAYS } from '../analytics-period';

/**
 * A period of local days in the caller's time zone, both inclusive: `from` to `to`. Without
 * `to`, today; without `from`, the DEFAULT_PERIOD_DAYS days ending at `to`.
 */
export class AnalyticsPeriodQueryDto {
  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    example: '2026-10-01',
    description: `First day of the period (default: ${DEFAULT_PERIOD_DAYS} days before \`to\`, inclusive)`,
  })
  @Omittable()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    example: '2026-10-31',
    description: `Last day of the period (default: today in your time zone); at most ${MAX_PERIOD_DAYS} days after \`from\``,
  })
  @Omittable()
  @IsLocalDate()
  to?: string;
}

export enum VolumeBucket {
  Week = 'week',
  Month = 'month',
}

export class AnalyticsVolumeQueryDto extends AnalyticsPeriodQueryDto {
  @ApiPropertyOptional({
    enum: VolumeBucket,
    enumName: 'VolumeBucket',
    default: VolumeBucket.Week,
    description: 'ISO weeks (Monday to Sunday) or calendar months',
  })
  @Omittable()
  @IsEnum(VolumeBucket)
  bucket: VolumeBucket = VolumeBucket.Week;
}

const PERIOD_DESCRIPTION =
  'A period as `first..last`, two dates (YYYY-MM-DD) in your time zone, both included, ' +
  `at most ${MAX_PERIOD_DAYS} days`;

export class AnalyticsCompareQueryDto {
  @ApiProperty({
    type: 'string',
    example: '2026-09-01..2026-09-30',
    description: `${PERIOD_DESCRIPTION}: the first period`,
  })
  @IsString()
  @MaxLength(40)
  a: string;

  @ApiProperty({
    type: 'string',
    example: '2026-10-01..2026-10-31',
    description: `${PERIOD_DESCRIPTION}: the second period (differences are b − a)`,
  })
  @IsString()
  @MaxLength(40)
  b: string;
}
