import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { GoalStatus } from '../goal-metrics';
import { GoalField } from './goal-fields';
import { Omittable } from '../../../common/validation/presence';

/** Statuses a PUT may set; `achieved` comes from progress or POST /goals/:id/complete. */
export const SETTABLE_STATUSES = [GoalStatus.Active, GoalStatus.Abandoned] as const;

/** Send only what changes; type, metric and exercise are fixed at creation. */
export class UpdateGoalDto {
  @GoalField.title(false)
  title?: string;

  @GoalField.target(false)
  target?: number;

  @GoalField.deadline()
  deadline?: string | null;

  @ApiPropertyOptional({
    enum: [...SETTABLE_STATUSES],
    enumName: 'SettableGoalStatus',
    description: 'abandoned gives a goal up; active takes an abandoned one up again',
  })
  @Omittable()
  @IsIn(SETTABLE_STATUSES)
  status?: (typeof SETTABLE_STATUSES)[number];
}
