import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Omittable } from '../../../common/validation/presence';
import { QueueCountsDto } from './queue.dto';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

export class StatsQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 90, default: 14, example: 14 })
  @Omittable()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  days: number = 14;
}

export class AnalyticsQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 52,
    default: 8,
    example: 8,
    description: 'How many weeks back: sign-ups per day, cohorts, and the AI usage period',
  })
  @Omittable()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(52)
  weeks: number = 8;
}

export class DayCountDto {
  @ApiProperty({ type: 'string', format: 'date', example: '2026-12-01' }) date: string;
  @ApiProperty({ type: 'integer', minimum: 0, example: 12 }) count: number;
}

export class AccountCountsDto {
  @ApiProperty({
    type: 'integer',
    example: 1200,
    description: 'Accounts (deleted ones not counted)',
  })
  total: number;
  @ApiProperty({ type: 'integer', example: 3 }) suspended: number;
  @ApiProperty({
    type: 'integer',
    example: 2,
    description: 'Deletions in their grace period or purging',
  })
  pendingDeletion: number;
}

export class ActiveUsersDto {
  @ApiProperty({
    type: 'integer',
    example: 140,
    description: 'Distinct users with a session used in the last 24 h',
  })
  day: number;
  @ApiProperty({ type: 'integer', example: 480, description: 'Last 7 days' }) week: number;
  @ApiProperty({ type: 'integer', example: 900, description: 'Last 30 days' }) month: number;
}

export class StorageUsageDto {
  @ApiProperty({ type: 'integer', example: 5321 }) objects: number;
  @ApiProperty({ type: 'integer', example: 104857600 }) bytes: number;
}

export class PerDayDto {
  @ApiProperty({ type: [DayCountDto] }) signUps: DayCountDto[];
  @ApiProperty({ type: [DayCountDto], description: 'Distinct users with a session used that day' })
  activeUsers: DayCountDto[];
  @ApiProperty({ type: [DayCountDto], description: 'Workouts created' }) workouts: DayCountDto[];
  @ApiProperty({ type: [DayCountDto], description: 'Journal entries created' })
  entries: DayCountDto[];
}

export class AdminStatsDto {
  @ApiProperty({ type: AccountCountsDto }) users: AccountCountsDto;
  @ApiProperty({ type: ActiveUsersDto }) activeUsers: ActiveUsersDto;
  @ApiProperty({ type: PerDayDto, description: 'UTC days, oldest first, zeros included' })
  perDay: PerDayDto;
  @ApiProperty({
    type: [QueueCountsDto],
    description: 'Depth per state; `failed` is the dead-letter set',
  })
  queues: QueueCountsDto[];
  @ApiProperty({
    type: StorageUsageDto,
    description: 'Every stored file (avatars, reports, exports)',
  })
  storage: StorageUsageDto;
}

export class CohortWeekDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 1,
    description: 'Weeks after the sign-up week',
  })
  week: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 14 }) users: number;
  @ApiProperty({ type: 'number', minimum: 0, maximum: 1, example: 0.35 }) rate: number;
}

export class CohortDto {
  @ApiProperty({
    type: 'string',
    format: 'date',
    example: '2026-11-16',
    description: 'Monday of the sign-up week (UTC)',
  })
  cohort: string;
  @ApiProperty({ type: 'integer', example: 40 }) size: number;
  @ApiProperty({
    type: [CohortWeekDto],
    description: 'Week 0 is the sign-up week; weeks with no activity are absent',
  })
  retention: CohortWeekDto[];
}

export class AiUsageRowDto {
  @ApiProperty({ type: 'integer', example: 120 }) calls: number;
  @ApiProperty({ type: 'integer', example: 240000 }) promptTokens: number;
  @ApiProperty({ type: 'integer', example: 60000 }) completionTokens: number;
  @ApiProperty({
    type: 'number',
    example: 0.072,
    description: 'US dollars at the configured prices',
  })
  costUsd: number;
}

export class AiFeatureUsageDto extends AiUsageRowDto {
  @ApiProperty({ example: 'summary', description: 'The AI operation (ai_usage.operation)' })
  feature: string;
}

export class AiUserUsageDto extends AiUsageRowDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) userId: string;
  @ApiProperty({ type: String, nullable: true, example: 'Ada' }) displayName: string | null;
}

export class AiPricingDto {
  @ApiProperty({ type: 'integer', example: 15 }) promptCentsPerMillionTokens: number;
  @ApiProperty({ type: 'integer', example: 60 }) completionCentsPerMillionTokens: number;
}

export class AiUsageDto {
  @ApiProperty({ type: 'string', format: 'date-time' }) since: string;
  @ApiProperty({ type: AiPricingDto }) pricing: AiPricingDto;
  @ApiProperty({ type: AiUsageRowDto }) total: AiUsageRowDto;
  @ApiProperty({ type: [AiFeatureUsageDto] }) byFeature: AiFeatureUsageDto[];
  @ApiProperty({ type: [AiUserUsageDto], description: 'The 20 heaviest users by tokens' })
  byUser: AiUserUsageDto[];
}

export class AdminAnalyticsDto {
  @ApiProperty({ type: [DayCountDto] }) signUpsPerDay: DayCountDto[];
  @ApiProperty({ type: ActiveUsersDto, description: 'DAU, WAU, MAU' }) activeUsers: ActiveUsersDto;
  @ApiProperty({ type: [CohortDto], description: 'Retention by weekly sign-up cohort' })
  cohorts: CohortDto[];
  @ApiProperty({ type: AiUsageDto }) ai: AiUsageDto;
}
