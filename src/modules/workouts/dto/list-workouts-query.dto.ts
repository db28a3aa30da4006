import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { CursorQueryDto } from '../../../common/pagination/cursor';
import { WorkoutStatus } from '../workout-state';
import { WorkoutField } from './workout-fields';

export class ListWorkoutsQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Sessions held (or planned) at or after this instant',
  })
  @IsOptional()
  @WorkoutField.instant()
  from?: Date;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Sessions before this instant (exclusive)',
  })
  @IsOptional()
  @WorkoutField.instant()
  to?: Date;

  @ApiPropertyOptional({ enum: WorkoutStatus, enumName: 'WorkoutStatus' })
  @IsOptional()
  @IsEnum(WorkoutStatus)
  status?: WorkoutStatus;
}
