import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { CursorQueryDto } from '../../../common/pagination/cursor-query.dto';
import { SummaryStatus } from '../entities/summary.entity';

export class ListSummariesQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ enum: SummaryStatus, enumName: 'SummaryStatus' })
  @IsOptional()
  @IsEnum(SummaryStatus)
  status?: SummaryStatus;
}
