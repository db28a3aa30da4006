import { ApiProperty } from '@nestjs/swagger';
import { GoalStatus, GoalType } from '../goal-metrics';

export class GoalStatusCountsDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 2 }) [GoalStatus.Active]: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 3 }) [GoalStatus.Achieved]: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 }) [GoalStatus.Abandoned]: number;
}

export class GoalTypeCountsDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 3 }) [GoalType.Strength]: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 2 }) [GoalType.Body]: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 }) [GoalType.Consistency]: number;
}

/** Over the caller's goals, deleted ones excepted. */
export class GoalAnalyticsDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 6 }) total: number;
  @ApiProperty({ type: GoalStatusCountsDto }) byStatus: GoalStatusCountsDto;
  @ApiProperty({ type: GoalTypeCountsDto }) byType: GoalTypeCountsDto;
  @ApiProperty({
    type: 'number',
    minimum: 0,
    maximum: 1,
    example: 0.75,
    nullable: true,
    description: 'achieved / (achieved + abandoned), 0–1; null while no goal has ended',
  })
  achievementRate: number | null;
  @ApiProperty({
    type: 'number',
    example: 41.5,
    nullable: true,
    description: 'Mean days from creation to achievement (one decimal); null if none achieved',
  })
  averageDaysToAchieve: number | null;
}
