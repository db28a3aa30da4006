import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsAfter } from '../../../common/validation/field-rules';
import { WORKOUT_LIMITS, WorkoutField } from './workout-fields';
import { Nullable, Omittable } from '../../../common/validation/presence';

/** Body of PUT /workouts/:id: send what changes, with the version it is based on. */
export class UpdateWorkoutDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 4,
    description:
      'The workout version this edit is based on; a stale one gets 409 version-conflict with the current workout',
  })
  @WorkoutField.version()
  version: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: WORKOUT_LIMITS.name, example: 'Heavy push' })
  @Omittable()
  @WorkoutField.name()
  name?: string;

  @ApiPropertyOptional({
    type: 'string',
    maxLength: WORKOUT_LIMITS.notes,
    nullable: true,
    example: 'Shoulder felt fine',
    description: 'null clears it',
  })
  @Nullable()
  @WorkoutField.notes()
  notes?: string | null;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    nullable: true,
    example: '2026-11-22T17:30:00.000Z',
    description: 'null clears it; while planned, it also moves the workout in the history',
  })
  @Nullable()
  @WorkoutField.instant()
  scheduledFor?: Date | null;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    example: '2026-11-17T18:05:00.000Z',
    description: `Corrects when the session started (in_progress, paused or completed workouts): not in the future; a completed session moves with it in the history, progress, streaks, goals and records. A completed one's start is at most ${WORKOUT_LIMITS.sessionHours} hours before its end; a running one's not after its current pause.`,
  })
  @Omittable()
  @WorkoutField.sessionInstant()
  startedAt?: Date;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    example: '2026-11-17T19:10:00.000Z',
    description: `Corrects when a completed session ended: after its start, at most ${WORKOUT_LIMITS.sessionHours} hours later, not in the future. The duration follows.`,
  })
  @Omittable()
  @WorkoutField.sessionInstant()
  @IsAfter('startedAt')
  completedAt?: Date;
}
