import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { CursorQueryDto } from '../../../common/pagination/cursor-query.dto';
import { GoalStatus } from '../goal-metrics';
import { Omittable } from '../../../common/validation/presence';

export class ListGoalsQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ enum: GoalStatus, enumName: 'GoalStatus' })
  @Omittable()
  @IsEnum(GoalStatus)
  status?: GoalStatus;
}
