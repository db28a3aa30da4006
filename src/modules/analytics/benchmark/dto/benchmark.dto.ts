import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { Omittable } from '../../../../common/validation/presence';
import { ExerciseLevel } from '../../../training/exercise-attributes.vocabulary';
import { Sex } from '../../../users/user.vocabulary';

/** Why a benchmark figure shows no percentile. */
export enum BenchmarkWithheldReason {
  CohortTooSmall = 'cohort_too_small',
  NoBodyWeight = 'no_body_weight',
  NoLiftInWindow = 'no_lift_in_window',
}

export class BenchmarkQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 52,
    default: 12,
    description: 'The window: the last `weeks` weeks up to now',
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(52)
  weeks: number = 12;

  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    description:
      'An exercise you can see: adds relative strength (best e1RM in the window ÷ latest body weight)',
  })
  @Omittable()
  @IsUUID()
  exerciseId?: string;
}

export class RangeDto {
  @ApiProperty({ example: 80 }) min: number;
  @ApiProperty({ example: 90, description: 'Excluded for body weight, included for age' })
  max: number;
}

export class BenchmarkCohortDto {
  @ApiProperty({
    enum: ExerciseLevel,
    enumName: 'ExerciseLevel',
    nullable: true,
    example: 'intermediate',
    description: 'Your training level; null: not set, so not used',
  })
  trainingLevel: ExerciseLevel | null;
  @ApiProperty({
    enum: Sex,
    enumName: 'Sex',
    nullable: true,
    example: null,
    description: 'Your sex if you gave it; null: not used',
  })
  sex: Sex | null;
  @ApiProperty({
    type: RangeDto,
    nullable: true,
    description: 'Age band (this year’s age) if you gave your birth year',
  })
  ageBand: RangeDto | null;
  @ApiProperty({
    type: RangeDto,
    nullable: true,
    description: 'Body-weight band (of the latest reading), in your weight unit; null without one',
  })
  bodyWeightBand: RangeDto | null;
  @ApiProperty({ example: 'kg', description: 'Unit of the body-weight band' })
  unit: string;
  @ApiProperty({
    example:
      'Intermediate lifters with a latest body weight of 80–90 kg and a completed workout in the last 12 weeks, who share their results',
  })
  description: string;
}

export class BenchmarkFigureDto {
  @ApiProperty({ enum: ['weekly_volume', 'sessions_per_week', 'relative_strength'] })
  figure: string;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 8450.5,
    description:
      'Your own value: volume per week in your unit, sessions per week, or best e1RM ÷ body weight',
  })
  you: number | null;
  @ApiProperty({ example: false, description: 'Whether a percentile is shown' })
  shown: boolean;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 64,
    description: 'Share of the cohort below you, ties counted half (0–100); null when not shown',
  })
  percentile: number | null;
  @ApiProperty({
    type: 'string',
    nullable: true,
    example: '20–49',
    description: 'Size of the cohort for this figure, as a band; null when not shown',
  })
  cohortSize: string | null;
  @ApiProperty({
    enum: BenchmarkWithheldReason,
    enumName: 'BenchmarkWithheldReason',
    nullable: true,
    example: null,
    description: 'Why no percentile is shown',
  })
  reason: BenchmarkWithheldReason | null;
  @ApiProperty({
    example: 'Your weekly volume is higher than that of 64% of similar users (a cohort of 20–49).',
  })
  statement: string;
}

export class BenchmarkDto {
  @ApiProperty({ example: 12, type: 'integer' }) weeks: number;
  @ApiProperty({
    example: 20,
    type: 'integer',
    description: 'Fewest users a figure is computed among (the k floor)',
  })
  minCohort: number;
  @ApiProperty({ type: BenchmarkCohortDto }) cohort: BenchmarkCohortDto;
  @ApiProperty({ type: [BenchmarkFigureDto] }) figures: BenchmarkFigureDto[];
}
