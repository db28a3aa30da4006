import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PastInstant } from '../../../common/validation/instant.decorator';
import { Omittable } from '../../../common/validation/presence';
import type { SummaryPeriod } from '../../ai/ai.vocabulary';
import { SUMMARY_PERIODS } from '../entities/summary.entity';
import { SUMMARY_PERIOD } from './summary-result.dto';

export class RequestSummaryDto {
  @ApiProperty({ ...SUMMARY_PERIOD, example: 'week' })
  @IsIn(SUMMARY_PERIODS)
  period: SummaryPeriod;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    example: '2026-11-18T12:00:00.000Z',
    description:
      'Any instant inside the wanted period (UTC calendar day, ISO week or month); defaults to now',
  })
  @Omittable()
  @PastInstant()
  from?: Date;
}
