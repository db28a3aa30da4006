import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsInt,
  IsUUID,
  Max,
  Min,
} from 'class-validator';
import { Omittable } from '../../../common/validation/presence';
import { Equipment, ExerciseLevel, Muscle } from '../../training/exercise-attributes.vocabulary';
import { PLAN_LIMITS } from '../plan-builder';
import { PlanGoal } from '../plan-rules';

/** Body of POST /ai/workout-generate and POST /templates/ai-generate. */
export class GeneratePlanDto {
  @ApiProperty({ enum: PlanGoal, enumName: 'PlanGoal', example: PlanGoal.Hypertrophy })
  @IsEnum(PlanGoal)
  goal: PlanGoal;

  @ApiProperty({
    type: 'integer',
    minimum: PLAN_LIMITS.daysPerWeek.min,
    maximum: PLAN_LIMITS.daysPerWeek.max,
    example: 3,
  })
  @IsInt()
  @Min(PLAN_LIMITS.daysPerWeek.min)
  @Max(PLAN_LIMITS.daysPerWeek.max)
  daysPerWeek: number;

  @ApiProperty({
    type: 'integer',
    minimum: PLAN_LIMITS.sessionMinutes.min,
    maximum: PLAN_LIMITS.sessionMinutes.max,
    example: 60,
    description: 'Longest session, warm-up included',
  })
  @IsInt()
  @Min(PLAN_LIMITS.sessionMinutes.min)
  @Max(PLAN_LIMITS.sessionMinutes.max)
  sessionMinutes: number;

  @ApiPropertyOptional({
    enum: ExerciseLevel,
    enumName: 'ExerciseLevel',
    description: 'Default: your training level (GET /users/preferences), else beginner',
  })
  @Omittable()
  @IsEnum(ExerciseLevel)
  level?: ExerciseLevel;

  @ApiPropertyOptional({
    enum: Equipment,
    enumName: 'Equipment',
    isArray: true,
    maxItems: Object.values(Equipment).length,
    example: ['barbell', 'dumbbell'],
    description:
      'Equipment available; bodyweight exercises are always possible. Default: your equipment (GET /users/preferences), else all',
  })
  @Omittable()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(Object.values(Equipment).length)
  @IsEnum(Equipment, { each: true })
  equipment?: Equipment[];

  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    isArray: true,
    maxItems: 100,
    description: 'Exercises not to use (disliked, or no access)',
  })
  @Omittable()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  excludedExerciseIds?: string[];

  @ApiPropertyOptional({
    enum: Muscle,
    enumName: 'Muscle',
    isArray: true,
    maxItems: Object.values(Muscle).length,
    example: ['lower back'],
    description:
      'Injuries or pain: no exercise that loads these muscles, as primary or secondary muscle',
  })
  @Omittable()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(Object.values(Muscle).length)
  @IsEnum(Muscle, { each: true })
  avoidMuscles?: Muscle[];
}
