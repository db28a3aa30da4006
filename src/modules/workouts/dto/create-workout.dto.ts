import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { TEMPLATE_LIMITS } from '../../templates/dto/template-limits';
import { WORKOUT_LIMITS, WorkoutField } from './workout-fields';
import { Omittable } from '../../../common/validation/presence';

/** Body of POST /workouts: an empty session, or one day of a template as planned sets. */
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
      'Copy a day of this template (yours or a public one) as planned sets; %e1RM loads are computed from your history',
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

  @ApiPropertyOptional({ maxLength: WORKOUT_LIMITS.notes, example: 'Deload week' })
  @Omittable()
  @WorkoutField.notes()
  notes?: string;
}
