import { ApiProperty } from '@nestjs/swagger';

/** Swagger schemas of a summary's result (the shapes of ai/ai.vocabulary.ts / summary-result.ts). */
export class SeriesStatisticsDto {
  @ApiProperty({ nullable: true, type: Number, example: 6.4 }) average: number | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 0.21,
    description: 'Least-squares slope, points per day',
  })
  trendPerDay: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 1.3, description: 'Standard deviation' })
  volatility: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 3 }) min: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 9 }) max: number | null;
  @ApiProperty({ example: 14 }) samples: number;
}

export class DayMoodDto {
  @ApiProperty({ example: '2026-11-18' }) date: string;
  @ApiProperty({ example: 8.5 }) averageMood: number;
  @ApiProperty({ example: 2 }) entries: number;
}

export class MoodAssociationDto {
  @ApiProperty({ example: 'running' }) key: string;
  @ApiProperty({ example: 7.8 }) averageMoodWith: number;
  @ApiProperty({ nullable: true, type: Number, example: 5.9 }) averageMoodWithout: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 1.9 }) difference: number | null;
  @ApiProperty({ example: 5, description: 'Sample size: entries with a mood that carry it' })
  entriesWith: number;
  @ApiProperty({ example: 9, description: 'Sample size: entries with a mood that do not' })
  entriesWithout: number;
}

export class TypeCountDto {
  @ApiProperty({ example: 'mood' }) type: string;
  @ApiProperty({ example: 9 }) entries: number;
}

export class SummaryStatisticsDto {
  @ApiProperty({ enum: ['day', 'week', 'month'] }) period: string;
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ example: 14 }) entryCount: number;
  @ApiProperty({ example: 6 }) daysWithEntries: number;
  @ApiProperty({ type: SeriesStatisticsDto }) mood: SeriesStatisticsDto;
  @ApiProperty({ type: SeriesStatisticsDto }) energy: SeriesStatisticsDto;
  @ApiProperty({ type: DayMoodDto, nullable: true }) bestDay: DayMoodDto | null;
  @ApiProperty({ type: DayMoodDto, nullable: true }) worstDay: DayMoodDto | null;
  @ApiProperty({ example: 4 }) longestStreakDays: number;
  @ApiProperty({ example: 2 }) currentStreakDays: number;
  @ApiProperty({ type: [MoodAssociationDto] }) tagsWithHigherMood: MoodAssociationDto[];
  @ApiProperty({ type: [MoodAssociationDto] }) tagsWithLowerMood: MoodAssociationDto[];
  @ApiProperty({ type: [MoodAssociationDto] }) typesWithHigherMood: MoodAssociationDto[];
  @ApiProperty({ type: [MoodAssociationDto] }) typesWithLowerMood: MoodAssociationDto[];
  @ApiProperty({ type: [TypeCountDto] }) entriesByType: TypeCountDto[];
}

export class NoteInsightsDto {
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 0.42,
    description: '-1 (negative) to 1 (positive)',
  })
  sentimentScore: number | null;
  @ApiProperty({ nullable: true, enum: ['positive', 'neutral', 'negative'] })
  sentimentLabel: 'positive' | 'neutral' | 'negative' | null;
  @ApiProperty({ type: [String], example: ['morning run', 'good sleep'] }) keyPhrases: string[];
}

export class SummaryResultDto {
  @ApiProperty({ type: SummaryStatisticsDto }) statistics: SummaryStatisticsDto;
  @ApiProperty({
    example: 'You logged 14 entries on 6 days. Your mood averaged 6.4 and trended upward.',
  })
  narrative: string;
  @ApiProperty({ type: [String] }) highlights: string[];
  @ApiProperty({ type: NoteInsightsDto }) notes: NoteInsightsDto;
  @ApiProperty({ enum: ['local', 'openai'] }) provider: 'local' | 'openai';
  @ApiProperty({ example: 'local-statistics' }) model: string;
  @ApiProperty({
    description: 'True when the remote AI failed and the local provider wrote the text',
  })
  fellBack: boolean;
}
