import { ApiPropertyOptional } from '@nestjs/swagger';
import { Omittable } from '../../../common/validation/presence';
import { WORKOUT_LIMITS, WorkoutField } from './workout-fields';

/** Optional body of POST /workouts/:id/complete. */
export class CompleteWorkoutDto {
  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    example: '2026-11-17T19:10:00.000Z',
    description: `When the session ended, for one completed after the fact; default now. After its start, at most ${WORKOUT_LIMITS.sessionHours} hours later, not in the future.`,
  })
  @Omittable()
  @WorkoutField.sessionInstant()
  completedAt?: Date;
}
