import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { CursorQueryDto } from '../../../common/pagination/cursor';
import { PastInstant } from '../../../common/validation/instant.decorator';

export class ListBodyMetricsQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Readings at or after this instant' })
  @IsOptional()
  @PastInstant()
  from?: Date;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Readings before this instant (exclusive)',
  })
  @IsOptional()
  @PastInstant()
  to?: Date;
}
