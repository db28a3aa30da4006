import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { TimeRangeCursorQueryDto } from '../../../common/pagination/cursor-query.dto';
import { WorkoutStatus } from '../workout-state';
import { WorkoutField } from './workout-fields';
import { Omittable } from '../../../common/validation/presence';

export class ListWorkoutsQueryDto extends TimeRangeCursorQueryDto({
  items: 'Sessions held (or planned)',
  // Planned sessions may lie up to a year ahead.
  instant: WorkoutField.instant,
}) {
  @ApiPropertyOptional({ enum: WorkoutStatus, enumName: 'WorkoutStatus' })
  @Omittable()
  @IsEnum(WorkoutStatus)
  status?: WorkoutStatus;
}
