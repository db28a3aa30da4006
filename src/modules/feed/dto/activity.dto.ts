import { ApiProperty } from '@nestjs/swagger';
import { UserSummaryDto } from '../../social/dto/user-summary.dto';
import { Audience } from '../../users/privacy.vocabulary';
import { ActivityKind } from '../feed.vocabulary';

export class WorkoutActivityDto {
  @ApiProperty({ type: 'string', format: 'uuid', example: '0c8e9a5e-3f7c-4c55-9a3c-2b0e1c7d9f10' })
  workoutId: string;

  @ApiProperty({ example: 'Push day' })
  name: string;

  @ApiProperty({ type: 'integer', nullable: true, example: 3600 })
  durationSeconds: number | null;

  @ApiProperty({ type: 'number', nullable: true, example: 5230.5 })
  totalVolumeKg: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 15 })
  totalSets: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 120 })
  totalReps: number | null;
}

export class PersonalRecordActivityDto {
  @ApiProperty({ type: 'string', format: 'uuid', example: '0c8e9a5e-3f7c-4c55-9a3c-2b0e1c7d9f10' })
  workoutId: string;

  @ApiProperty({ type: 'string', format: 'uuid', example: '7d1f6a52-1c1e-4f43-8f3e-1b2a3c4d5e6f' })
  exerciseId: string;

  @ApiProperty({ example: 'Barbell Bench Press - Medium Grip' })
  exerciseName: string;

  @ApiProperty({
    example: 'best_e1rm',
    description: '`max_weight`, `best_e1rm`, `best_set_volume` or `most_reps_at_weight`',
  })
  kind: string;

  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 112.5,
    description:
      'The record (kg, or reps for most_reps_at_weight); null when its owner hides record numbers',
  })
  value: number | null;

  @ApiProperty({ type: 'number', nullable: true, example: 100 })
  weightKg: number | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 5 })
  reps: number | null;

  @ApiProperty({ type: 'number', nullable: true, example: 107.5 })
  previousValue: number | null;
}

export class GoalActivityDto {
  @ApiProperty({ type: 'string', format: 'uuid', example: '0c8e9a5e-3f7c-4c55-9a3c-2b0e1c7d9f10' })
  goalId: string;

  @ApiProperty({ example: 'Bench 120' })
  title: string;

  @ApiProperty({ example: 'strength', description: '`strength`, `body` or `consistency`' })
  type: string;

  @ApiProperty({ example: 'e1rm' })
  metric: string;
}

/** One item of the feed, as the caller may see it. */
export class ActivityDto {
  @ApiProperty({ type: 'string', format: 'uuid', example: '3f0c7c52-8f0e-4d4b-9a52-3c3f4e2b6a10' })
  id: string;

  @ApiProperty({ enum: ActivityKind, enumName: 'ActivityKind', example: ActivityKind.Workout })
  kind: ActivityKind;

  @ApiProperty({ type: UserSummaryDto })
  author: UserSummaryDto;

  @ApiProperty({
    type: 'string',
    format: 'date-time',
    example: '2026-11-21T09:30:00.000Z',
    description: "When it happened (a workout's real end): the feed's order",
  })
  occurredAt: string;

  @ApiProperty({
    enum: Audience,
    enumName: 'Audience',
    example: Audience.Friends,
    description: "Who sees it: its own audience, narrowed by its owner's activityVisibility",
  })
  visibility: Audience;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'New bench PR!',
    description: "A post's text or a shared workout's caption",
  })
  text: string | null;

  @ApiProperty({ type: WorkoutActivityDto, nullable: true })
  workout: WorkoutActivityDto | null;

  @ApiProperty({ type: PersonalRecordActivityDto, nullable: true })
  personalRecord: PersonalRecordActivityDto | null;

  @ApiProperty({ type: GoalActivityDto, nullable: true })
  goal: GoalActivityDto | null;

  @ApiProperty({ type: 'integer', minimum: 0, example: 3 })
  likeCount: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 1 })
  commentCount: number;

  @ApiProperty({ example: false })
  likedByMe: boolean;
}

export class LikeDto {
  @ApiProperty({ type: UserSummaryDto })
  user: UserSummaryDto;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-11-21T09:30:00.000Z' })
  likedAt: string;
}

export class CommentDto {
  @ApiProperty({ type: 'string', format: 'uuid', example: '3f0c7c52-8f0e-4d4b-9a52-3c3f4e2b6a10' })
  id: string;

  @ApiProperty({ type: 'string', format: 'uuid', example: '0c8e9a5e-3f7c-4c55-9a3c-2b0e1c7d9f10' })
  activityId: string;

  @ApiProperty({ type: UserSummaryDto })
  author: UserSummaryDto;

  @ApiProperty({ example: 'Strong!' })
  text: string;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-11-21T09:30:00.000Z' })
  createdAt: string;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-11-21T09:35:00.000Z' })
  updatedAt: string;
}
