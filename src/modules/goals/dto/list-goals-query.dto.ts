import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { CursorQueryDto } from '../../../common/pagination/cursor-query.dto';
import { GoalStatus } from '../goal-metrics';

export class ListGoalsQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ enum: GoalStatus, enumName: 'GoalStatus' })
  @IsOptional()
  @IsEnum(GoalStatus)
  status?: GoalStatus;
}
