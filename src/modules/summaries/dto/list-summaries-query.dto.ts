import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { CursorQueryDto } from '../../../common/pagination/cursor-query.dto';
import { SummaryStatus } from '../entities/summary.entity';
import { Omittable } from '../../../common/validation/presence';

export class ListSummariesQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ enum: SummaryStatus, enumName: 'SummaryStatus' })
  @Omittable()
  @IsEnum(SummaryStatus)
  status?: SummaryStatus;
}
