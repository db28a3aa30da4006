import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsNumber,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { NestedObjects } from '../../../common/validation/nested';
import { trimString } from '../../../common/validation/transforms';
import { ExerciseLevel } from '../../training/exercise-attributes.vocabulary';
import { SetType } from '../../training/set-type.vocabulary';
import { TemplateGoal, TemplateVisibility } from '../template.vocabulary';
import { ProgressionRuleDto, ProgressionRuleField } from './progression-rule.dto';
import { TEMPLATE_LIMITS as LIMITS } from './template-limits';
import { IsMultipleOf, NotLessThan, NotTogetherWith } from '../../../common/validation/field-rules';
import { Nullable, Omittable } from '../../../common/validation/presence';

const reps = () => applyDecorators(IsInt(), Min(LIMITS.reps.min), Max(LIMITS.reps.max));
const notes = () =>
  applyDecorators(Nullable(), Transform(trimString), IsString(), MaxLength(LIMITS.notes));
/** A non-empty, bounded array of nested objects, each validated as `type`. */
const nestedList = (type: () => new () => object, max: number) =>
  applyDecorators(NestedObjects(type), ArrayMinSize(1), ArrayMaxSize(max));

/** One prescribed set. Bounds in TEMPLATE_LIMITS; see docs/templates.md. */
export class TemplateSetInputDto {
  @ApiPropertyOptional({ enum: SetType, enumName: 'SetType', description: 'Default: `normal`' })
  @Omittable()
  @IsEnum(SetType)
  type: SetType = SetType.Normal;

  @ApiProperty({ type: 'integer', minimum: LIMITS.reps.min, maximum: LIMITS.reps.max, example: 8 })
  @reps()
  repsMin: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: LIMITS.reps.min,
    maximum: LIMITS.reps.max,
    example: 12,
    description: 'Top of the rep range, not below repsMin; defaults to repsMin (fixed reps)',
  })
  @Omittable()
  @reps()
  @NotLessThan('repsMin')
  repsMax?: number;

  @ApiPropertyOptional({
    type: 'number',
    minimum: LIMITS.weightKg.min,
    maximum: LIMITS.weightKg.max,
    nullable: true,
    example: 60,
    description:
      'Absolute load in kg (two decimals), whatever your unit; or send `weight` in your unit. Not together with weight or percentE1rm',
  })
  @Nullable()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(LIMITS.weightKg.min)
  @Max(LIMITS.weightKg.max)
  weightKg?: number | null;

  @ApiPropertyOptional({
    type: 'number',
    minimum: 0,
    nullable: true,
    example: 135,
    description: `Absolute load in your weight unit (GET /users/preferences; two decimals), stored in kg: at most ${LIMITS.weightKg.max} kg once converted. Not together with weightKg or percentE1rm`,
  })
  @Nullable()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @NotTogetherWith('weightKg')
  weight?: number | null;

  @ApiPropertyOptional({
    type: 'number',
    minimum: LIMITS.percentE1rm.min,
    maximum: LIMITS.percentE1rm.max,
    nullable: true,
    example: null,
    description:
      'Load as a percentage of the estimated one-rep max; not together with weightKg or weight',
  })
  @Nullable()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(LIMITS.percentE1rm.min)
  @Max(LIMITS.percentE1rm.max)
  @NotTogetherWith('weightKg')
  @NotTogetherWith('weight')
  percentE1rm?: number | null;

  @ApiPropertyOptional({
    type: 'number',
    minimum: LIMITS.rpe.min,
    maximum: LIMITS.rpe.max,
    multipleOf: LIMITS.rpe.step,
    nullable: true,
    example: 8,
    description: 'Target rate of perceived exertion, in half points; not together with rirTarget',
  })
  @Nullable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(LIMITS.rpe.min)
  @Max(LIMITS.rpe.max)
  @IsMultipleOf(LIMITS.rpe.step)
  rpeTarget?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: LIMITS.rir.min,
    maximum: LIMITS.rir.max,
    nullable: true,
    example: null,
    description: 'Target reps in reserve; not together with rpeTarget',
  })
  @Nullable()
  @IsInt()
  @Min(LIMITS.rir.min)
  @Max(LIMITS.rir.max)
  @NotTogetherWith('rpeTarget')
  rirTarget?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: LIMITS.restSeconds.min,
    maximum: LIMITS.restSeconds.max,
    example: 120,
    description: `Rest after the set, in seconds. Default: ${LIMITS.restSeconds.default}`,
  })
  @Omittable()
  @IsInt()
  @Min(LIMITS.restSeconds.min)
  @Max(LIMITS.restSeconds.max)
  restSeconds: number = LIMITS.restSeconds.default;
}

export class TemplateExerciseInputDto {
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    description: 'An exercise you can use (GET /exercises); a public template needs approved ones',
  })
  @IsUUID()
  exerciseId: string;

  @ApiPropertyOptional({
    type: 'string',
    maxLength: LIMITS.notes,
    nullable: true,
    example: 'Pause at the chest',
  })
  @notes()
  notes?: string | null;

  @ProgressionRuleField()
  progression?: ProgressionRuleDto | null;

  @ApiProperty({
    type: [TemplateSetInputDto],
    minItems: 1,
    maxItems: LIMITS.setsPerExercise,
    description: 'In the order they are performed',
  })
  @nestedList(() => TemplateSetInputDto, LIMITS.setsPerExercise)
  sets: TemplateSetInputDto[];
}

export class TemplateDayInputDto {
  @ApiProperty({ minLength: 1, maxLength: LIMITS.dayName, example: 'Push' })
  @Transform(trimString)
  @IsString()
  @Length(1, LIMITS.dayName)
  name: string;

  @ApiPropertyOptional({ type: 'string', maxLength: LIMITS.notes, nullable: true })
  @notes()
  notes?: string | null;

  @ApiProperty({
    type: [TemplateExerciseInputDto],
    minItems: 1,
    maxItems: LIMITS.exercisesPerDay,
    description: 'In the order they are performed',
  })
  @nestedList(() => TemplateExerciseInputDto, LIMITS.exercisesPerDay)
  exercises: TemplateExerciseInputDto[];
}

/** Body of POST /templates: the whole template, validated as a whole. */
export class CreateTemplateDto {
  @ApiProperty({ minLength: 1, maxLength: LIMITS.name, example: 'Push Pull Legs' })
  @Transform(trimString)
  @IsString()
  @Length(1, LIMITS.name)
  name: string;

  @ApiPropertyOptional({
    type: 'string',
    maxLength: LIMITS.description,
    nullable: true,
    example: 'Three days, compound lifts first, double progression on accessories.',
  })
  @Nullable()
  @Transform(trimString)
  @IsString()
  @MaxLength(LIMITS.description)
  description?: string | null;

  @ApiProperty({ enum: TemplateGoal, enumName: 'TemplateGoal', example: TemplateGoal.Hypertrophy })
  @IsEnum(TemplateGoal)
  goal: TemplateGoal;

  @ApiProperty({
    enum: ExerciseLevel,
    enumName: 'ExerciseLevel',
    example: ExerciseLevel.Intermediate,
  })
  @IsEnum(ExerciseLevel)
  level: ExerciseLevel;

  @ApiPropertyOptional({
    enum: TemplateVisibility,
    enumName: 'TemplateVisibility',
    description: 'Default: `private`',
  })
  @Omittable()
  @IsEnum(TemplateVisibility)
  visibility: TemplateVisibility = TemplateVisibility.Private;

  @ApiProperty({
    type: [TemplateDayInputDto],
    minItems: 1,
    maxItems: LIMITS.days,
    description: 'The training days of a week, in order; daysPerWeek is their number',
  })
  @nestedList(() => TemplateDayInputDto, LIMITS.days)
  days: TemplateDayInputDto[];
}

/** Body of PUT /templates/:id: the whole template again, optionally with the version edited. */
export class UpdateTemplateDto extends CreateTemplateDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    example: 3,
    description:
      'The version your edit is based on (from GET); if the template has changed since, the answer is 409. Omit to overwrite unconditionally.',
  })
  @Omittable()
  @IsInt()
  @Min(1)
  version?: number;
}
