import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEnum,
  IsIn,
  IsString,
  Length,
  ValidateIf,
} from 'class-validator';
import { trimString } from '../../../common/validation/transforms';
import {
  Equipment,
  ExerciseCategory,
  ExerciseForce,
  ExerciseLevel,
  ExerciseMechanic,
  Muscle,
} from '../../training/exercise-attributes.vocabulary';
import { Nullable, Omittable } from '../../../common/validation/presence';

/** A user-made exercise: private to its creator until an admin approves it. */
export class CreateExerciseDto {
  @ApiProperty({ minLength: 3, maxLength: 120, example: 'Tempo Goblet Squat' })
  @Transform(trimString)
  @IsString()
  @Length(3, 120)
  name: string;

  @ApiProperty({ enum: ExerciseCategory, enumName: 'ExerciseCategory', example: 'strength' })
  @IsEnum(ExerciseCategory)
  category: ExerciseCategory;

  @ApiProperty({ enum: ExerciseLevel, enumName: 'ExerciseLevel', example: 'beginner' })
  @IsEnum(ExerciseLevel)
  level: ExerciseLevel;

  @ApiPropertyOptional({
    enum: Equipment,
    enumName: 'Equipment',
    nullable: true,
    example: 'kettlebells',
  })
  @Nullable()
  @IsEnum(Equipment)
  equipment?: Equipment | null;

  @ApiPropertyOptional({ enum: ExerciseForce, enumName: 'ExerciseForce', nullable: true })
  @Nullable()
  @IsEnum(ExerciseForce)
  force?: ExerciseForce | null;

  @ApiPropertyOptional({ enum: ExerciseMechanic, enumName: 'ExerciseMechanic', nullable: true })
  @Nullable()
  @IsEnum(ExerciseMechanic)
  mechanic?: ExerciseMechanic | null;

  @ApiProperty({
    enum: Muscle,
    enumName: 'Muscle',
    isArray: true,
    minItems: 1,
    maxItems: 4,
    example: ['quadriceps'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @ArrayUnique()
  @IsEnum(Muscle, { each: true })
  primaryMuscles: Muscle[];

  @ApiPropertyOptional({
    enum: Muscle,
    enumName: 'Muscle',
    isArray: true,
    maxItems: 8,
    example: ['glutes', 'hamstrings'],
    description: 'Must not repeat a primary muscle',
  })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(8)
  @ArrayUnique()
  @IsEnum(Muscle, { each: true })
  secondaryMuscles?: Muscle[];

  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: 30,
    example: ['Hold a kettlebell at your chest.', 'Squat down over three seconds.'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  instructions: string[];
}

/**
 * Send only what changes; null clears equipment, force or mechanic, and is a 400 elsewhere.
 * A creator's edit sends the exercise back for review.
 */
export class UpdateExerciseDto extends PartialType(CreateExerciseDto, {
  skipNullProperties: false,
}) {}

export enum ReviewDecision {
  Approve = 'approve',
  Reject = 'reject',
}

export class ReviewExerciseDto {
  @ApiProperty({ enum: ReviewDecision, enumName: 'ReviewDecision', example: 'reject' })
  @IsIn(Object.values(ReviewDecision))
  decision: ReviewDecision;

  @ApiPropertyOptional({
    maxLength: 500,
    example: 'Same as Goblet Squat; please use the library exercise.',
    description: 'Shown to the creator. Required to reject.',
  })
  // Validated when rejecting, or when sent at all: null is not a note (docs/errors.md, null).
  @ValidateIf(
    (o: ReviewExerciseDto) => o.decision === ReviewDecision.Reject || o.note !== undefined,
  )
  @Transform(trimString)
  @IsString()
  @Length(1, 500)
  note?: string;
}
