import { ApiProperty } from '@nestjs/swagger';
import { WeightUnit } from '../../../common/units/weight-unit';
import { Goal } from '../entities/goal.entity';
import {
  fromStoredValue,
  GoalMetric,
  GoalStatus,
  GoalType,
  GoalUnit,
  unitOf,
} from '../goal-metrics';

/** A goal with its values in the caller's unit, which it names. */
export class GoalDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ enum: GoalType, enumName: 'GoalType' }) type: GoalType;
  @ApiProperty({ enum: GoalMetric, enumName: 'GoalMetric' }) metric: GoalMetric;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true }) exerciseId: string | null;
  @ApiProperty({ example: 'Bench press 120 kg' }) title: string;
  @ApiProperty({ enum: GoalUnit, enumName: 'GoalUnit', example: GoalUnit.Kilogram })
  unit: GoalUnit;
  @ApiProperty({ type: 'number', example: 120 }) target: number;
  @ApiProperty({
    type: 'number',
    example: 100,
    description: 'The value when the goal was created',
  })
  baseline: number;
  @ApiProperty({ type: 'number', example: 110, nullable: true, description: 'Null without data' })
  current: number | null;
  @ApiProperty({
    type: 'number',
    minimum: 0,
    maximum: 100,
    example: 50,
    description: 'Percent of the way from baseline to target, 0–100',
  })
  progress: number;
  @ApiProperty({ enum: GoalStatus, enumName: 'GoalStatus' }) status: GoalStatus;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) deadline: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) achievedAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: string;

  static from(goal: Goal, weightUnit: WeightUnit): GoalDto {
    const value = (stored: string) => fromStoredValue(goal.metric, Number(stored), weightUnit);
    return {
      id: goal.id,
      type: goal.type,
      metric: goal.metric,
      exerciseId: goal.exerciseId,
      title: goal.title,
      unit: unitOf(goal.metric, weightUnit),
      target: value(goal.targetValue),
      baseline: value(goal.baselineValue),
      current: goal.currentValue === null ? null : value(goal.currentValue),
      progress: Number(goal.progressPct),
      status: goal.status,
      deadline: goal.deadline,
      achievedAt: goal.achievedAt?.toISOString() ?? null,
      createdAt: goal.createdAt.toISOString(),
      updatedAt: goal.updatedAt.toISOString(),
    };
  }
}
