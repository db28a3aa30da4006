import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { WORKOUT_LIMITS, WorkoutField } from './workout-fields';
import { Nullable, Omittable } from '../../../common/validation/presence';

const POSITION = {
  type: 'integer',
  minimum: 0,
  maximum: WORKOUT_LIMITS.exercises - 1,
  example: 0,
  description: 'Place in the workout, from 0; the others move to make room',
} as const;

/** Body of POST /workouts/:id/exercises. */
export class AddWorkoutExerciseDto {
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    description: 'An exercise you can use (GET /exercises), not already in the workout',
  })
  @IsUUID()
  exerciseId: string;

  @ApiPropertyOptional({ ...POSITION, description: `${POSITION.description}; default: last` })
  @Omittable()
  @WorkoutField.position()
  position?: number;

  @ApiPropertyOptional({ maxLength: WORKOUT_LIMITS.exerciseNotes, example: 'Narrow grip' })
  @Omittable()
  @WorkoutField.notes(WORKOUT_LIMITS.exerciseNotes)
  notes?: string;
}

/** Body of PUT /workouts/:id/exercises/:exerciseId: send what changes. */
export class UpdateWorkoutExerciseDto {
  @ApiPropertyOptional(POSITION)
  @Omittable()
  @WorkoutField.position()
  position?: number;

  @ApiPropertyOptional({
    type: 'string',
    maxLength: WORKOUT_LIMITS.exerciseNotes,
    nullable: true,
    description: 'null clears it',
  })
  @Nullable()
  @WorkoutField.notes(WORKOUT_LIMITS.exerciseNotes)
  notes?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    example: 7,
    description: 'The workout version this edit is based on; if stale, 409 version-conflict',
  })
  @Omittable()
  @WorkoutField.version()
  version?: number;
}
