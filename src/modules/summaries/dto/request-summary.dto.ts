import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PastInstant } from '../../../common/validation/instant.decorator';
import { Omittable } from '../../../common/validation/presence';

export class RequestSummaryDto {
  @ApiProperty({ enum: ['day', 'week', 'month'], example: 'week' })
  @IsIn(['day', 'week', 'month'])
  period: 'day' | 'week' | 'month';

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-18T12:00:00.000Z',
    description:
      'Any instant inside the wanted period (UTC calendar day, ISO week or month); defaults to now',
  })
  @Omittable()
  @PastInstant()
  from?: Date;
}
