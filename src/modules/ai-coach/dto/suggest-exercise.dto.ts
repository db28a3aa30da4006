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
import { SubstitutionReason } from '../substitutions';

/** Body of POST /ai/exercise-suggest. */
export class SuggestExerciseDto {
  @ApiProperty({ type: 'string', format: 'uuid', description: 'The exercise to replace' })
  @IsUUID('all')
  exerciseId: string;

  @ApiProperty({
    enum: SubstitutionReason,
    enumName: 'SubstitutionReason',
    example: 'equipment_missing',
  })
  @IsEnum(SubstitutionReason)
  reason: SubstitutionReason;

  @ApiPropertyOptional({
    enum: Equipment,
    enumName: 'Equipment',
    isArray: true,
    maxItems: Object.values(Equipment).length,
    description: 'Equipment available. Default: your equipment (GET /users/preferences), else all',
  })
  @Omittable()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(Object.values(Equipment).length)
  @IsEnum(Equipment, { each: true })
  equipment?: Equipment[];

  @ApiPropertyOptional({
    enum: Equipment,
    enumName: 'Equipment',
    isArray: true,
    maxItems: Object.values(Equipment).length,
    example: ['barbell'],
    description:
      'Equipment not to use; for equipment_missing the exercise’s own equipment is always left out',
  })
  @Omittable()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(Object.values(Equipment).length)
  @IsEnum(Equipment, { each: true })
  missingEquipment?: Equipment[];

  @ApiPropertyOptional({
    enum: Muscle,
    enumName: 'Muscle',
    isArray: true,
    maxItems: Object.values(Muscle).length,
    example: ['lower back'],
    description: 'Muscles that hurt: no alternative loads them (primary or secondary)',
  })
  @Omittable()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(Object.values(Muscle).length)
  @IsEnum(Muscle, { each: true })
  avoidMuscles?: Muscle[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 20,
    example: 5,
    description: 'How many alternatives (default 5)',
  })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(20)
  limit: number = 5;
}

export class ExerciseRefDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Barbell Bench Press - Medium Grip' }) name: string;
  @ApiProperty({ enum: Equipment, enumName: 'Equipment', nullable: true })
  equipment: Equipment | null;
  @ApiProperty({ enum: Muscle, enumName: 'Muscle', isArray: true }) primaryMuscles: Muscle[];
  @ApiProperty({ enum: Muscle, enumName: 'Muscle', isArray: true }) secondaryMuscles: Muscle[];
  @ApiProperty({ enum: ExerciseLevel, enumName: 'ExerciseLevel' }) level: ExerciseLevel;
}

export class SubstituteDto {
  @ApiProperty({ type: ExerciseRefDto }) exercise: ExerciseRefDto;
  @ApiProperty({ type: 'number', example: 0.92, description: 'Ranking score (higher is closer)' })
  score: number;
  @ApiProperty({
    type: 'number',
    minimum: 0,
    maximum: 1,
    example: 0.8,
    description: 'Weighted muscle overlap with the original (primary muscles count twice)',
  })
  muscleOverlap: number;
  @ApiProperty({ type: [String], example: ['Same primary muscle: chest', 'Same force (push)'] })
  why: string[];
}

export class ExerciseSuggestionsDto {
  @ApiProperty({ type: ExerciseRefDto }) exercise: ExerciseRefDto;
  @ApiProperty({ enum: SubstitutionReason, enumName: 'SubstitutionReason' })
  reason: SubstitutionReason;
  @ApiProperty({ type: [SubstituteDto], description: 'Best first, at most `limit`' })
  alternatives: SubstituteDto[];
}
