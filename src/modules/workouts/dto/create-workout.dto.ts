import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsInt, IsUUID, Max, Min } from 'class-validator';
import {
  AtMostAfter,
  IsAfter,
  NotTogetherWith,
  Requires,
} from '../../../common/validation/field-rules';
import { NestedObjects } from '../../../common/validation/nested';
import { Omittable } from '../../../common/validation/presence';
import { TEMPLATE_LIMITS } from '../../templates/dto/template-limits';
import { CreateWorkoutSetDto } from './workout-set-input.dto';
import { MAX_SESSION_MS, WORKOUT_LIMITS, WorkoutField } from './workout-fields';

const { sessionHours } = WORKOUT_LIMITS;

/** An exercise of a workout created with its content (a session logged after the fact). */
export class LoggedExerciseDto {
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    description: 'An exercise you can use (GET /exercises), once per workout',
  })
  @IsUUID()
  exerciseId: string;

  @ApiPropertyOptional({ maxLength: WORKOUT_LIMITS.exerciseNotes, example: 'Narrow grip' })
  @Omittable()
  @WorkoutField.notes(WORKOUT_LIMITS.exerciseNotes)
  notes?: string;

  @ApiProperty({
    type: [CreateWorkoutSetDto],
    maxItems: WORKOUT_LIMITS.setsPerExercise,
    description: 'In the order they were done; each as POST …/sets takes it (completed by default)',
  })
  @NestedObjects(() => CreateWorkoutSetDto)
  @ArrayMaxSize(WORKOUT_LIMITS.setsPerExercise)
  sets: CreateWorkoutSetDto[];
}

/**
 * Body of POST /workouts: an empty session, one day of a template as planned sets, or a
 * session already held (`startedAt`, and with `completedAt` a completed one, its `exercises`
 * and sets logged in the same request).
 */
export class CreateWorkoutDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: WORKOUT_LIMITS.name,
    example: 'Push day',
    description: 'Defaults to "<template>: <day>" for a template, else "Workout"',
  })
  @Omittable()
  @WorkoutField.name()
  name?: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    description:
      'Copy a day of this template (yours or a public one) as planned sets, loads progressed from your last session of the day; %e1RM loads are computed from your history',
  })
  @Omittable()
  @IsUUID()
  templateId?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: TEMPLATE_LIMITS.days - 1,
    example: 0,
    description: 'Which day of the template, from 0; only with templateId. Default: 0',
  })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(TEMPLATE_LIMITS.days - 1)
  dayIndex?: number;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    example: '2026-11-21T17:30:00.000Z',
    description: 'When the session is planned (at most a year ahead)',
  })
  @Omittable()
  @WorkoutField.instant()
  scheduledFor?: Date;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    example: '2026-11-17T18:05:00.000Z',
    description:
      'A session already under way or held: when it started (not in the future, not before 2000). The workout is created `in_progress` from that instant, or `completed` with `completedAt`; it counts by this date everywhere (history, progress, streaks, goals, records).',
  })
  @Omittable()
  @WorkoutField.sessionInstant()
  startedAt?: Date;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    example: '2026-11-17T19:10:00.000Z',
    description: `A session logged after the fact: when it ended. Needs startedAt; after it, at most ${sessionHours} hours later, not in the future. The workout is created completed (duration, totals, personal records as of that date). Not with templateId: create a template session with startedAt, log its sets, then complete it with completedAt.`,
  })
  @Omittable()
  @WorkoutField.sessionInstant()
  @Requires('startedAt')
  @IsAfter('startedAt')
  @AtMostAfter('startedAt', MAX_SESSION_MS, `${sessionHours} hours`)
  @NotTogetherWith('templateId')
  completedAt?: Date;

  @ApiPropertyOptional({
    type: [LoggedExerciseDto],
    maxItems: WORKOUT_LIMITS.exercises,
    description:
      'The exercises and sets, in order, of a workout created with its content (typically a session logged after the fact); not with templateId',
  })
  @Omittable()
  @NestedObjects(() => LoggedExerciseDto)
  @ArrayMaxSize(WORKOUT_LIMITS.exercises)
  @NotTogetherWith('templateId')
  exercises?: LoggedExerciseDto[];

  @ApiPropertyOptional({ maxLength: WORKOUT_LIMITS.notes, example: 'Deload week' })
  @Omittable()
  @WorkoutField.notes()
  notes?: string;
}
