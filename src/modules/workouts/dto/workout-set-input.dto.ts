import { ApiPropertyOptional } from '@nestjs/swagger';
import { SetType } from '../../training/set-type.vocabulary';
import { SetField, WORKOUT_LIMITS, WorkoutField } from './workout-fields';
import { Nullable, Omittable } from '../../../common/validation/presence';

const { reps, rpe, rir, restSeconds } = WORKOUT_LIMITS;

/** The OpenAPI descriptions shared by the create and update bodies. */
const DOCS = {
  setType: {
    enum: SetType,
    enumName: 'SetType',
    description: 'Warm-ups count for no volume and no record',
  },
  weight: {
    type: 'number',
    minimum: 0,
    example: 80,
    description:
      "In the user's weight unit (GET /users/preferences), at most 1000 kg; two decimals",
  },
  reps: { type: 'integer', minimum: reps.min, maximum: reps.max, example: 8 },
  rpe: {
    type: 'number',
    minimum: rpe.min,
    maximum: rpe.max,
    multipleOf: rpe.step,
    example: 8,
    description: 'Rate of perceived exertion in half points; not together with rir',
  },
  rir: {
    type: 'integer',
    minimum: rir.min,
    maximum: rir.max,
    example: 2,
    description: 'Reps in reserve; not together with rpe',
  },
  restSeconds: {
    type: 'integer',
    minimum: restSeconds.min,
    maximum: restSeconds.max,
    example: 120,
    description: 'Rest taken after the set',
  },
} as const;

/** Body of POST /workouts/:id/exercises/:exerciseId/sets: one set, appended. */
export class CreateWorkoutSetDto {
  @ApiPropertyOptional({
    ...DOCS.setType,
    description: `${DOCS.setType.description}. Default: \`normal\``,
  })
  @Omittable()
  @SetField.setType()
  setType: SetType = SetType.Normal;

  @ApiPropertyOptional({
    ...DOCS.weight,
    nullable: true,
    description: `${DOCS.weight.description}; none for body weight`,
  })
  @Nullable()
  @SetField.weight()
  weight?: number | null;

  @ApiPropertyOptional({ ...DOCS.reps, nullable: true })
  @Nullable()
  @SetField.reps()
  reps?: number | null;

  @ApiPropertyOptional({ ...DOCS.rpe, nullable: true })
  @Nullable()
  @SetField.rpe()
  rpe?: number | null;

  @ApiPropertyOptional({ ...DOCS.rir, nullable: true })
  @Nullable()
  @SetField.rir()
  rir?: number | null;

  @ApiPropertyOptional({ ...DOCS.restSeconds, nullable: true })
  @Nullable()
  @SetField.restSeconds()
  restSeconds?: number | null;

  @ApiPropertyOptional({
    example: true,
    description: 'Performed (counts at completion); false to add a set still to do. Default: true',
  })
  @Omittable()
  @SetField.completed()
  completed: boolean = true;
}

/**
 * Body of PUT /workouts/:id/exercises/:exerciseId/sets/:setId: send what changes; null clears
 * a value. Setting rpe clears rir and the other way round.
 */
export class UpdateWorkoutSetDto {
  @ApiPropertyOptional(DOCS.setType)
  @Omittable()
  @SetField.setType()
  setType?: SetType;

  @ApiPropertyOptional({ ...DOCS.weight, nullable: true })
  @Nullable()
  @SetField.weight()
  weight?: number | null;

  @ApiPropertyOptional({ ...DOCS.reps, nullable: true })
  @Nullable()
  @SetField.reps()
  reps?: number | null;

  @ApiPropertyOptional({ ...DOCS.rpe, nullable: true })
  @Nullable()
  @SetField.rpe()
  rpe?: number | null;

  @ApiPropertyOptional({ ...DOCS.rir, nullable: true })
  @Nullable()
  @SetField.rir()
  rir?: number | null;

  @ApiPropertyOptional({ ...DOCS.restSeconds, nullable: true })
  @Nullable()
  @SetField.restSeconds()
  restSeconds?: number | null;

  @ApiPropertyOptional({ example: true })
  @Omittable()
  @SetField.completed()
  completed?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    example: 7,
    description:
      'For offline clients: the workout version this edit is based on; if stale, 409 version-conflict with the current workout',
  })
  @Omittable()
  @WorkoutField.version()
  version?: number;
}
