import { ApiProperty } from '@nestjs/swagger';
import type {
  DayMood,
  MoodAssociation,
  NoteInsights,
  SeriesStatistics,
  SummaryNarrative,
  SummaryPeriod,
  SummaryStatistics,
} from '../../ai/ai.vocabulary';
import { EntryType } from '../../entries/entry.vocabulary';
import { SUMMARY_PERIODS } from '../entities/summary.entity';
import type { SummaryResult } from '../summary-result';

/**
 * Swagger schemas of a summary's result. Each implements the shape of ai/ai.vocabulary.ts the
 * result is stored and returned as, so a field missing here, or of another type, does not
 * compile.
 */

/** The named enums of a summary, referenced by every schema that uses them. */
export const SUMMARY_PERIOD = { enum: [...SUMMARY_PERIODS], enumName: 'SummaryPeriod' };
const SENTIMENT_LABELS: NonNullable<NoteInsights['sentimentLabel']>[] = [
  'positive',
  'neutral',
  'negative',
];
const NARRATIVE_PROVIDERS: SummaryNarrative['provider'][] = ['local', 'openai'];

export class SeriesStatisticsDto implements SeriesStatistics {
  @ApiProperty({ type: 'number', nullable: true, example: 6.4 }) average: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 0.21,
    description: 'Least-squares slope, points per day',
  })
  trendPerDay: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: 1.3,
    description: 'Standard deviation',
  })
  volatility: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 3 }) min: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 9 }) max: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, example: 14 }) samples: number;
}

export class DayMoodDto implements DayMood {
  @ApiProperty({ type: 'string', format: 'date', example: '2026-11-18' }) date: string;
  @ApiProperty({ type: 'number', example: 8.5 }) averageMood: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 2 }) entries: number;
}

export class MoodAssociationDto implements MoodAssociation {
  @ApiProperty({ example: 'running', description: 'The tag or entry type' }) key: string;
  @ApiProperty({ type: 'number', example: 7.8 }) averageMoodWith: number;
  @ApiProperty({ type: 'number', nullable: true, example: 5.9 })
  averageMoodWithout: number | null;
  @ApiProperty({ type: 'number', nullable: true, example: 1.9 }) difference: number | null;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 5,
    description: 'Sample size: entries with a mood that carry it',
  })
  entriesWith: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 9,
    description: 'Sample size: entries with a mood that do not',
  })
  entriesWithout: number;
}

export class TypeCountDto {
  @ApiProperty({ enum: EntryType, enumName: 'EntryType', example: EntryType.Mood })
  type: string;
  @ApiProperty({ type: 'integer', minimum: 1, example: 9 }) entries: number;
}

export class SummaryStatisticsDto implements SummaryStatistics {
  @ApiProperty(SUMMARY_PERIOD) period: SummaryPeriod;
  @ApiProperty({ type: 'string', format: 'date-time' }) from: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) to: string;
  @ApiProperty({ type: 'integer', minimum: 0, example: 14 }) entryCount: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 6 }) daysWithEntries: number;
  @ApiProperty({ type: SeriesStatisticsDto }) mood: SeriesStatisticsDto;
  @ApiProperty({ type: SeriesStatisticsDto }) energy: SeriesStatisticsDto;
  @ApiProperty({ type: DayMoodDto, nullable: true }) bestDay: DayMoodDto | null;
  @ApiProperty({ type: DayMoodDto, nullable: true }) worstDay: DayMoodDto | null;
  @ApiProperty({ type: 'integer', minimum: 0, example: 4 }) longestStreakDays: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 2 }) currentStreakDays: number;
  @ApiProperty({ type: [MoodAssociationDto] }) tagsWithHigherMood: MoodAssociationDto[];
  @ApiProperty({ type: [MoodAssociationDto] }) tagsWithLowerMood: MoodAssociationDto[];
  @ApiProperty({ type: [MoodAssociationDto] }) typesWithHigherMood: MoodAssociationDto[];
  @ApiProperty({ type: [MoodAssociationDto] }) typesWithLowerMood: MoodAssociationDto[];
  @ApiProperty({ type: [TypeCountDto] }) entriesByType: TypeCountDto[];
}

export class NoteInsightsDto implements NoteInsights {
  @ApiProperty({
    type: 'number',
    nullable: true,
    minimum: -1,
    maximum: 1,
    example: 0.42,
    description: '-1 (negative) to 1 (positive); null without notes',
  })
  sentimentScore: number | null;
  @ApiProperty({ enum: SENTIMENT_LABELS, enumName: 'SentimentLabel', nullable: true })
  sentimentLabel: NoteInsights['sentimentLabel'];
  @ApiProperty({ type: [String], example: ['morning run', 'good sleep'] }) keyPhrases: string[];
}

export class SummaryResultDto implements SummaryResult {
  @ApiProperty({ type: SummaryStatisticsDto }) statistics: SummaryStatisticsDto;
  @ApiProperty({
    example: 'You logged 14 entries on 6 days. Your mood averaged 6.4 and trended upward.',
  })
  narrative: string;
  @ApiProperty({ type: [String] }) highlights: string[];
  @ApiProperty({ type: NoteInsightsDto }) notes: NoteInsightsDto;
  @ApiProperty({ enum: NARRATIVE_PROVIDERS, enumName: 'NarrativeProvider' })
  provider: SummaryNarrative['provider'];
  @ApiProperty({ example: 'local-statistics' }) model: string;
  @ApiProperty({
    description: 'True when the remote AI failed and the local provider wrote the text',
  })
  fellBack: boolean;
}
