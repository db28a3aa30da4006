import { ApiProperty } from '@nestjs/swagger';
import { GoalStatus, GoalType } from '../goal-metrics';

export class GoalStatusCountsDto {
  @ApiProperty({ example: 2 }) [GoalStatus.Active]: number;
  @ApiProperty({ example: 3 }) [GoalStatus.Achieved]: number;
  @ApiProperty({ example: 1 }) [GoalStatus.Abandoned]: number;
}

export class GoalTypeCountsDto {
  @ApiProperty({ example: 3 }) [GoalType.Strength]: number;
  @ApiProperty({ example: 2 }) [GoalType.Body]: number;
  @ApiProperty({ example: 1 }) [GoalType.Consistency]: number;
}

/** Over the caller's goals, deleted ones excepted. */
export class GoalAnalyticsDto {
  @ApiProperty({ example: 6 }) total: number;
  @ApiProperty({ type: GoalStatusCountsDto }) byStatus: GoalStatusCountsDto;
  @ApiProperty({ type: GoalTypeCountsDto }) byType: GoalTypeCountsDto;
  @ApiProperty({
    example: 0.75,
    nullable: true,
    type: Number,
    description: 'achieved / (achieved + abandoned), 0–1; null while no goal has ended',
  })
  achievementRate: number | null;
  @ApiProperty({
    example: 41.5,
    nullable: true,
    type: Number,
    description: 'Mean days from creation to achievement (one decimal); null if none achieved',
  })
  averageDaysToAchieve: number | null;
}
