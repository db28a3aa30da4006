import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsUUID } from 'class-validator';
import { GoalMetric, GoalType } from '../goal-metrics';
import { GoalField } from './goal-fields';
import { Omittable } from '../../../common/validation/presence';

/** Which metrics a type takes, and the exercise, are checked by the service (field errors). */
export class CreateGoalDto {
  @ApiProperty({ enum: GoalType, enumName: 'GoalType', example: GoalType.Strength })
  @IsEnum(GoalType)
  type: GoalType;

  @ApiProperty({
    enum: GoalMetric,
    enumName: 'GoalMetric',
    example: GoalMetric.E1rm,
    description:
      'strength: e1rm or weight; body: body_weight or body_fat; consistency: sessions_per_week',
  })
  @IsEnum(GoalMetric)
  metric: GoalMetric;

  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    description: 'Strength goals only (required there): an exercise you can see',
  })
  @Omittable()
  @IsUUID()
  exerciseId?: string;

  @GoalField.title(true)
  title: string;

  @GoalField.target(true)
  target: number;

  @GoalField.deadline()
  deadline?: string | null;
}
