import { ApiProperty } from '@nestjs/swagger';
import { WeightUnit } from '../../../common/units/weight-unit';
import { VolumeBucket } from './analytics-query.dto';

/** How fresh the rollups an answer was read from are (docs/analytics.md, "Freshness"). */
export class AnalyticsFreshnessDto {
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    description: 'When the rollups were last brought in step with your workouts',
  })
  refreshedAt: string;
  @ApiProperty({
    description:
      'The rollups were behind your workouts (the worker had not caught up yet) and this ' +
      'read rebuilt them before answering: the figures are current either way',
  })
  caughtUp: boolean;
}

/** Every figure of a period (overview, compare). */
export class AnalyticsPeriodFiguresDto {
  @ApiProperty({ type: 'string', format: 'date', example: '2026-10-01' }) from: string;
  @ApiProperty({ type: 'string', format: 'date', example: '2026-10-31' }) to: string;
  @ApiProperty({ type: 'integer', example: 14, description: 'Completed workouts' })
  sessions: number;
  @ApiProperty({ type: 'integer', example: 11, description: 'Days with a completed workout' })
  activeDays: number;
  @ApiProperty({ type: 'integer', example: 252, description: 'Completed working sets' })
  sets: number;
  @ApiProperty({ type: 'number', example: 48250.5, description: 'Σ weight × reps, your unit' })
  volume: number;
  @ApiProperty({
    type: 'integer',
    example: 3,
    description: 'Personal records held by the sessions of the period',
  })
  personalRecords: number;
  @ApiProperty({
    type: 'integer',
    example: 6,
    description:
      'Consecutive ISO weeks with a workout up to the last day (the week in progress does ' +
      'not break it)',
  })
  streakWeeks: number;
  @ApiProperty({
    type: 'integer',
    example: 2,
    description: 'Consecutive days with a workout up to the last day (or the day before)',
  })
  streakDays: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 81.4,
    description: 'Body weight of the last day with a reading (mean of its readings), your unit',
  })
  bodyWeight: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: -0.8,
    description: 'Body weight of the last day with a reading minus that of the first',
  })
  bodyWeightChange: number | null;
  @ApiProperty({ type: 'integer', example: 9, description: 'Body weight readings' })
  bodyWeightReadings: number;
  @ApiProperty({ type: 'integer', example: 1, description: 'Goals achieved in the period' })
  goalsAchieved: number;
  @ApiProperty({
    type: 'integer',
    example: 2,
    description: 'Goals active at the end of the period (created, not achieved nor abandoned)',
  })
  goalsActive: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 3.75,
    description: 'Mean mood of your journal entries (1–5)',
  })
  mood: number | null;
  @ApiProperty({ type: 'integer', example: 12, description: 'Entries with a mood' })
  moodEntries: number;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 3.4,
    description: 'Mean energy of your journal entries (1–5)',
  })
  energy: number | null;
  @ApiProperty({ type: 'integer', example: 10, description: 'Entries with an energy' })
  energyEntries: number;
}

/** A figure's change: later − earlier, and in % of the earlier (null from 0 or nothing). */
export class AnalyticsChangeDto {
  @ApiProperty({ type: 'number', nullable: true, example: 2 }) absolute: number | null;
  @ApiProperty({ type: 'number', nullable: true, example: 16.7 }) percent: number | null;
}

/** The change of every figure. */
export class AnalyticsChangesDto {
  @ApiProperty({ type: AnalyticsChangeDto }) sessions: AnalyticsChangeDto;
  @ApiProperty({ type: AnalyticsChangeDto }) activeDays: AnalyticsChangeDto;
  @ApiProperty({ type: AnalyticsChangeDto }) sets: AnalyticsChangeDto;
  @ApiProperty({ type: AnalyticsChangeDto }) volume: AnalyticsChangeDto;
  @ApiProperty({ type: AnalyticsChangeDto }) personalRecords: AnalyticsChangeDto;
  @ApiProperty({ type: AnalyticsChangeDto }) streakWeeks: AnalyticsChangeDto;
  @ApiProperty({ type: AnalyticsChangeDto }) streakDays: AnalyticsChangeDto;
  @ApiProperty({ type: AnalyticsChangeDto }) bodyWeight: AnalyticsChangeDto;
  @ApiProperty({ type: AnalyticsChangeDto }) bodyWeightChange: AnalyticsChangeDto;
  @ApiProperty({ type: AnalyticsChangeDto }) goalsAchieved: AnalyticsChangeDto;
  @ApiProperty({ type: AnalyticsChangeDto }) goalsActive: AnalyticsChangeDto;
  @ApiProperty({ type: AnalyticsChangeDto }) mood: AnalyticsChangeDto;
  @ApiProperty({ type: AnalyticsChangeDto }) energy: AnalyticsChangeDto;
}

export class AnalyticsOverviewDto {
  @ApiProperty({ enum: WeightUnit, enumName: 'WeightUnit', description: 'Unit of every weight' })
  unit: WeightUnit;
  @ApiProperty({ example: 'Europe/Paris', description: 'The time zone days and weeks are in' })
  timeZone: string;
  @ApiProperty({ type: AnalyticsPeriodFiguresDto, description: 'The period asked for' })
  current: AnalyticsPeriodFiguresDto;
  @ApiProperty({
    type: AnalyticsPeriodFiguresDto,
    description: 'The period of equal length that ended the day before',
  })
  previous: AnalyticsPeriodFiguresDto;
  @ApiProperty({ type: AnalyticsChangesDto, description: 'current − previous' })
  change: AnalyticsChangesDto;
  @ApiProperty({ type: AnalyticsFreshnessDto }) freshness: AnalyticsFreshnessDto;
}

export class AnalyticsCompareDto {
  @ApiProperty({ enum: WeightUnit, enumName: 'WeightUnit' }) unit: WeightUnit;
  @ApiProperty({ example: 'Europe/Paris' }) timeZone: string;
  @ApiProperty({ type: AnalyticsPeriodFiguresDto }) a: AnalyticsPeriodFiguresDto;
  @ApiProperty({ type: AnalyticsPeriodFiguresDto }) b: AnalyticsPeriodFiguresDto;
  @ApiProperty({ type: AnalyticsChangesDto, description: 'b − a' })
  difference: AnalyticsChangesDto;
  @ApiProperty({ type: AnalyticsFreshnessDto }) freshness: AnalyticsFreshnessDto;
}

export class AnalyticsVolumeBucketDto {
  @ApiProperty({
    type: 'string',
    format: 'date',
    example: '2026-09-28',
    description:
      "The bucket's first day (a Monday, or the 1st); its figures count only the period's days",
  })
  start: string;
  @ApiProperty({ type: 'integer', example: 4 }) sessions: number;
  @ApiProperty({ type: 'integer', example: 72 }) sets: number;
  @ApiProperty({ type: 'number', example: 13250 }) volume: number;
}

export class AnalyticsVolumeDto {
  @ApiProperty({ enum: WeightUnit, enumName: 'WeightUnit' }) unit: WeightUnit;
  @ApiProperty({ example: 'Europe/Paris' }) timeZone: string;
  @ApiProperty({ type: 'string', format: 'date', example: '2026-10-01' }) from: string;
  @ApiProperty({ type: 'string', format: 'date', example: '2026-10-31' }) to: string;
  @ApiProperty({ enum: VolumeBucket, enumName: 'VolumeBucket' }) bucket: VolumeBucket;
  @ApiProperty({ type: 'integer', example: 14 }) sessions: number;
  @ApiProperty({ type: 'integer', example: 252 }) sets: number;
  @ApiProperty({ type: 'number', example: 48250.5 }) volume: number;
  @ApiProperty({
    type: [AnalyticsVolumeBucketDto],
    description: 'Every bucket touching the period, oldest first, empty ones included',
  })
  buckets: AnalyticsVolumeBucketDto[];
  @ApiProperty({ type: AnalyticsFreshnessDto }) freshness: AnalyticsFreshnessDto;
}

export class AnalyticsWeekdayDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 7,
    example: 1,
    description: '1 Monday … 7 Sunday',
  })
  weekday: number;
  @ApiProperty({ type: 'integer', example: 5 }) sessions: number;
}

export class AnalyticsStreakDto {
  @ApiProperty({ type: 'integer', example: 6 }) current: number;
  @ApiProperty({ type: 'integer', example: 14 }) longest: number;
}

export class AnalyticsStreaksDto {
  @ApiProperty({ type: AnalyticsStreakDto, description: 'Consecutive ISO weeks with a workout' })
  weeks: AnalyticsStreakDto;
  @ApiProperty({ type: AnalyticsStreakDto, description: 'Consecutive days with a workout' })
  days: AnalyticsStreakDto;
}

export class AnalyticsFrequencyDto {
  @ApiProperty({ example: 'Europe/Paris' }) timeZone: string;
  @ApiProperty({ type: 'string', format: 'date', example: '2026-10-01' }) from: string;
  @ApiProperty({ type: 'string', format: 'date', example: '2026-10-31' }) to: string;
  @ApiProperty({ type: 'integer', example: 14 }) sessions: number;
  @ApiProperty({ type: 'integer', example: 11, description: 'Days with a workout' })
  activeDays: number;
  @ApiProperty({ type: 'integer', example: 5, description: 'ISO weeks with a workout' })
  activeWeeks: number;
  @ApiProperty({ type: 'number', example: 3.16, description: 'Sessions per 7 days of the period' })
  perWeek: number;
  @ApiProperty({
    type: 'number',
    example: 0.35,
    description: 'Share of the period’s days with a workout',
  })
  activeDayShare: number;
  @ApiProperty({
    type: [AnalyticsWeekdayDto],
    description: 'Sessions per day of the week, Monday first, all seven',
  })
  weekdays: AnalyticsWeekdayDto[];
  @ApiProperty({
    type: AnalyticsStreaksDto,
    description: 'As of the last day, over the whole history',
  })
  streaks: AnalyticsStreaksDto;
  @ApiProperty({ type: AnalyticsFreshnessDto }) freshness: AnalyticsFreshnessDto;
}
