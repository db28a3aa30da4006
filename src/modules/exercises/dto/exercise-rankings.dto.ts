import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { RatingSummaryDto } from '../../../common/ratings/rating.dto';
import { Equipment, ExerciseLevel, Muscle } from '../../training/exercise-attributes.vocabulary';
import { ExerciseDto, FilterValueDto } from './exercise.dto';
import { Omittable } from '../../../common/validation/presence';

/** GET /exercises/:id: the exercise with its votes and the caller's own. */
export class ExerciseDetailDto extends ExerciseDto {
  @ApiProperty({ type: RatingSummaryDto }) rating: RatingSummaryDto;
}

export class PopularExerciseDto extends ExerciseDto {
  @ApiProperty({ type: RatingSummaryDto, description: '`yourScore` is always null here' })
  rating: RatingSummaryDto;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 42,
    description: 'Completed workouts that include it',
  })
  uses: number;

  @ApiProperty({
    type: 'number',
    minimum: 0,
    maximum: 1,
    example: 0.6852,
    description:
      'The ranking score, 0–1: Bayesian rating blended with usage (see docs/exercises.md)',
  })
  popularity: number;
}

export class ExerciseUsageDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Barbell Squat' }) name: string;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 118,
    description: 'Completed workouts that include it',
  })
  uses: number;
}

export class ExerciseStatsDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 873, description: 'Approved exercises' })
  total: number;
  @ApiProperty({ type: [FilterValueDto], description: 'Primary or secondary muscle' })
  byMuscle: FilterValueDto[];
  @ApiProperty({ type: [FilterValueDto] }) byLevel: FilterValueDto[];
  @ApiProperty({ type: [FilterValueDto] }) byEquipment: FilterValueDto[];
  @ApiProperty({ type: [FilterValueDto] }) byCategory: FilterValueDto[];
  @ApiProperty({ type: [ExerciseUsageDto], description: 'The ten most used' })
  mostUsed: ExerciseUsageDto[];
}

export class RecommendationQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 6,
    default: 3,
    description: 'Muscles to cover',
  })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(6)
  muscles: number = 3;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 10,
    default: 3,
    description: 'Exercises a muscle',
  })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  perMuscle: number = 3;
}

export class MuscleRecommendationDto {
  @ApiProperty({ enum: Muscle, enumName: 'Muscle', example: 'hamstrings' }) muscle: Muscle;
  @ApiProperty({
    type: 'number',
    minimum: 0,
    example: 1.5,
    description: 'Sets that trained it in the period (primary 1, secondary ½)',
  })
  sets: number;
  @ApiProperty({ type: [ExerciseDto] }) exercises: ExerciseDto[];
}

export class RecommendationsDto {
  @ApiProperty({ type: 'integer', example: 28, description: 'The days of history considered' })
  periodDays: number;
  @ApiProperty({ enum: ExerciseLevel, enumName: 'ExerciseLevel', nullable: true })
  level: ExerciseLevel | null;
  @ApiProperty({ enum: Equipment, enumName: 'Equipment', isArray: true, nullable: true })
  equipment: Equipment[] | null;
  @ApiProperty({
    type: [MuscleRecommendationDto],
    description: 'The least trained muscles first',
  })
  muscles: MuscleRecommendationDto[];
}
