import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsUUID, Max, Min } from 'class-validator';
import { NotTogetherWith } from '../../../common/validation/field-rules';
import { IsLocalDate } from '../../../common/validation/local-date.decorator';
import { Omittable } from '../../../common/validation/presence';
import type { ForecastMetric } from '../goal-forecast';

const METRICS: ForecastMetric[] = ['e1rm', 'body_weight'];

/**
 * Body of POST /ai/goal-optimize: an existing goal (`goalId`), or a new one (`metric`,
 * `target`, `targetDate`, and `exerciseId` for e1rm).
 */
export class GoalOptimizeDto {
  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    description: 'An existing goal of yours (e1rm or body_weight)',
  })
  @Omittable()
  @IsUUID('all')
  goalId?: string;

  @ApiPropertyOptional({
    type: 'string',
    enum: METRICS,
    example: 'e1rm',
    description: 'A new goal: what it measures',
  })
  @Omittable()
  @IsIn(METRICS)
  @NotTogetherWith('goalId')
  metric?: ForecastMetric;

  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    description: 'For a new e1rm goal: the exercise',
  })
  @Omittable()
  @IsUUID('all')
  @NotTogetherWith('goalId')
  exerciseId?: string;

  @ApiPropertyOptional({
    type: 'number',
    minimum: 1,
    maximum: 1000,
    example: 120,
    description: 'For a new goal: the target, in your weight unit (GET /users/preferences)',
  })
  @Omittable()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(1)
  @Max(1000)
  @NotTogetherWith('goalId')
  target?: number;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    example: '2027-03-01',
    description: "The date to judge (YYYY-MM-DD). Default: the goal's deadline, else in 12 weeks",
  })
  @Omittable()
  @IsLocalDate()
  targetDate?: string;
}

export class ValueBandDto {
  @ApiProperty({ type: 'number', example: 112.5 }) value: number;
  @ApiProperty({ type: 'number', example: 108 }) low: number;
  @ApiProperty({ type: 'number', example: 117 }) high: number;
}

export class DateBandDto {
  @ApiProperty({ type: 'string', format: 'date' }) date: string;
  @ApiProperty({ type: 'string', format: 'date' }) earliest: string;
  @ApiProperty({ type: 'string', format: 'date' }) latest: string;
}

export class MilestoneDto {
  @ApiProperty({ type: 'string', format: 'date' }) date: string;
  @ApiProperty({ type: 'number', example: 105 }) value: number;
}

export class GoalOptimizationDto {
  @ApiProperty({ type: 'string', enum: METRICS }) metric: ForecastMetric;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) goalId: string | null;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) exerciseId: string | null;
  @ApiProperty({ type: 'string', enum: ['kg', 'lb'], description: 'The unit of every value' })
  unit: 'kg' | 'lb';
  @ApiProperty({ type: 'number', nullable: true, description: 'From your own data' })
  current: number | null;
  @ApiProperty({ type: 'number' }) target: number;
  @ApiProperty({ type: 'string', format: 'date' }) targetDate: string;
  @ApiProperty({ type: 'number', nullable: true, description: 'Your trend, per week' })
  trendPerWeek: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'What the target needs, per week' })
  requiredPerWeek: number | null;
  @ApiProperty({ type: 'boolean', nullable: true, description: 'Null without enough data' })
  realistic: boolean | null;
  @ApiProperty({ example: 'Realistic: at your trend you can expect about 121 kg by 2027-03-01.' })
  verdict: string;
  @ApiProperty({
    type: ValueBandDto,
    nullable: true,
    description: 'What to expect by the target date, with a band',
  })
  proposedTarget: ValueBandDto | null;
  @ApiProperty({
    type: DateBandDto,
    nullable: true,
    description: 'When to expect the target, with a band',
  })
  proposedDate: DateBandDto | null;
  @ApiProperty({ type: [MilestoneDto], description: 'Every four weeks' })
  milestones: MilestoneDto[];
  @ApiProperty({ type: [String], description: 'The data and rules behind the verdict' })
  basis: string[];
  @ApiProperty({ type: [String] }) sources: string[];
}
