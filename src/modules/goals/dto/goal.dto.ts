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
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: GoalType, enumName: 'GoalType' }) type: GoalType;
  @ApiProperty({ enum: GoalMetric, enumName: 'GoalMetric' }) metric: GoalMetric;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) exerciseId: string | null;
  @ApiProperty({ example: 'Bench press 120 kg' }) title: string;
  @ApiProperty({ enum: GoalUnit, enumName: 'GoalUnit', example: GoalUnit.Kilogram })
  unit: GoalUnit;
  @ApiProperty({ example: 120 }) target: number;
  @ApiProperty({ example: 100, description: 'The value when the goal was created' })
  baseline: number;
  @ApiProperty({ example: 110, nullable: true, type: Number, description: 'Null without data' })
  current: number | null;
  @ApiProperty({ example: 50, description: 'Percent of the way from baseline to target, 0–100' })
  progress: number;
  @ApiProperty({ enum: GoalStatus, enumName: 'GoalStatus' }) status: GoalStatus;
  @ApiProperty({ format: 'date', nullable: true, type: String }) deadline: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) achievedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

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
