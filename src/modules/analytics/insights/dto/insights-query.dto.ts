import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsLocalDate } from '../../../../common/validation/local-date.decorator';
import { Omittable } from '../../../../common/validation/presence';

/**
 * The period of GET /analytics/insights: local days, both inclusive. Named like the progress
 * routes' `endDate` (a local date); `from`/`to` elsewhere in the API are instants.
 */
export class InsightsQueryDto {
  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    example: '2026-09-01',
    description: 'First day of the period (your time zone); defaults to 89 days before `endDate`',
  })
  @Omittable()
  @IsLocalDate()
  startDate?: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    example: '2026-11-29',
    description: 'Last day of the period (your time zone); defaults to today there',
  })
  @Omittable()
  @IsLocalDate()
  endDate?: string;
}
