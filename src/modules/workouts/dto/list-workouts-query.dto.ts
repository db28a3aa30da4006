import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { TimeRangeCursorQueryDto } from '../../../common/pagination/cursor-query.dto';
import { WorkoutStatus } from '../workout-state';
import { WorkoutField } from './workout-fields';

export class ListWorkoutsQueryDto extends TimeRangeCursorQueryDto({
  items: 'Sessions held (or planned)',
  // Planned sessions may lie up to a year ahead.
  instant: WorkoutField.instant,
}) {
  @ApiPropertyOptional({ enum: WorkoutStatus, enumName: 'WorkoutStatus' })
  @IsOptional()
  @IsEnum(WorkoutStatus)
  status?: WorkoutStatus;
}
