import { ApiProperty } from '@nestjs/swagger';
import { WeightUnit } from '../../../common/units/weight-unit';
import { GoalMilestone } from '../entities/goal-milestone.entity';
import { Goal } from '../entities/goal.entity';
import { fromStoredValue, GoalStatus, GoalUnit, unitOf } from '../goal-metrics';
import { MILESTONES } from '../goal-progress';

export class GoalMilestoneDto {
  @ApiProperty({ type: 'integer', enum: [...MILESTONES], example: 50 }) percent: number;
  @ApiProperty({
    type: 'number',
    example: 110,
    description: "The goal's value when it was reached",
  })
  value: number;
  @ApiProperty({ type: 'string', format: 'date-time' }) reachedAt: string;
}

/** Where a goal stands; the milestones reached, in order, are its history. */
export class GoalProgressDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) goalId: string;
  @ApiProperty({ enum: GoalUnit, enumName: 'GoalUnit' }) unit: GoalUnit;
  @ApiProperty({ type: 'number', example: 100 }) baseline: number;
  @ApiProperty({ type: 'number', example: 110, nullable: true }) current: number | null;
  @ApiProperty({ type: 'number', example: 120 }) target: number;
  @ApiProperty({ type: 'number', minimum: 0, maximum: 100, example: 50 }) percent: number;
  @ApiProperty({ enum: GoalStatus, enumName: 'GoalStatus' }) status: GoalStatus;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) achievedAt: string | null;
  @ApiProperty({ type: [GoalMilestoneDto] }) milestones: GoalMilestoneDto[];

  static from(goal: Goal, milestones: GoalMilestone[], weightUnit: WeightUnit): GoalProgressDto {
    const value = (stored: string) => fromStoredValue(goal.metric, Number(stored), weightUnit);
    return {
      goalId: goal.id,
      unit: unitOf(goal.metric, weightUnit),
      baseline: value(goal.baselineValue),
      current: goal.currentValue === null ? null : value(goal.currentValue),
      target: value(goal.targetValue),
      percent: Number(goal.progressPct),
      status: goal.status,
      achievedAt: goal.achievedAt?.toISOString() ?? null,
      milestones: milestones.map((m) => ({
        percent: m.percent,
        value: value(m.value),
        reachedAt: m.reachedAt.toISOString(),
      })),
    };
  }
}
