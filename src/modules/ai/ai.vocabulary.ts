/**
 * The contract between summaries and the AI layer. Summaries compute every number in SQL
 * (SummaryStatistics); a provider only writes words around them (SummaryNarrative).
 */

export type SummaryPeriod = 'day' | 'week' | 'month';

export interface DayMood {
  /** Calendar day (UTC), YYYY-MM-DD. */
  date: string;
  averageMood: number;
  entries: number;
}

/** Mood (or energy) among entries that carry a tag or an event type, versus those that do not. */
export interface MoodAssociation {
  /** The tag or event type. */
  key: string;
  averageMoodWith: number;
  averageMoodWithout: number | null;
  /** averageMoodWith - averageMoodWithout (null when there is nothing to compare with). */
  difference: number | null;
  /** Sample sizes: entries with a mood that have / do not have the tag or type. */
  entriesWith: number;
  entriesWithout: number;
}

export interface SeriesStatistics {
  average: number | null;
  /** Least-squares slope in points per day (positive = improving). */
  trendPerDay: number | null;
  /** Population standard deviation. */
  volatility: number | null;
  min: number | null;
  max: number | null;
  /** Entries that carry a value for this series. */
  samples: number;
}

export interface SummaryStatistics {
  period: SummaryPeriod;
  /** Inclusive start and exclusive end of the period (ISO 8601, UTC). */
  from: string;
  to: string;
  entryCount: number;
  daysWithEntries: number;
  mood: SeriesStatistics;
  energy: SeriesStatistics;
  bestDay: DayMood | null;
  worstDay: DayMood | null;
  /** Longest run of consecutive days with at least one entry, within the period. */
  longestStreakDays: number;
  /** Run of consecutive days with entries ending on the period's last day with an entry. */
  currentStreakDays: number;
  /** Tags and event types most associated with higher and with lower mood (largest |difference| first). */
  tagsWithHigherMood: MoodAssociation[];
  tagsWithLowerMood: MoodAssociation[];
  typesWithHigherMood: MoodAssociation[];
  typesWithLowerMood: MoodAssociation[];
  entriesByType: { type: string; entries: number }[];
}

export interface SummaryNarrativeRequest {
  /** For metering and quotas. */
  userId: string;
  stats: SummaryStatistics;
  /** The period's note texts, newest first, already bounded in count and length. */
  notes: string[];
  /** When the request took its quota unit: given back if the answer comes from the cache. */
  quotaTakenAt?: Date;
}

export interface NoteInsights {
  /** Mean sentiment of the notes, -1 (negative) to 1 (positive); null without notes. */
  sentimentScore: number | null;
  sentimentLabel: 'positive' | 'neutral' | 'negative' | null;
  /** Most salient phrases across the notes, most salient first (at most 8). */
  keyPhrases: string[];
}

export interface SummaryNarrative {
  /** A few sentences. Every number in it comes from the statistics, never from a model. */
  narrative: string;
  /** Short bullet points (at most 5). */
  highlights: string[];
  notes: NoteInsights;
  /** Which provider produced the words: 'local', or 'openai' (then `model` names the model). */
  provider: 'local' | 'openai';
  model: string;
  /** True when the remote provider was configured but failed or was open, and local wrote it. */
  fellBack: boolean;
}

/**
 * The AI features, each metered in `ai_usage` (column `operation`) and each with its own
 * daily quota per user: `summary` (a journal summary's narrative) and the AI coach's.
 */
export type AiFeature =
  'summary' | 'plan' | 'template_optimization' | 'substitution' | 'goal_optimization' | 'chat';

/** Which provider answered a request, and whether it stood in for the configured one. */
export interface AiProvenance {
  provider: 'local' | 'openai';
  model: string;
  /** True when the remote provider was configured but failed or was open, and local answered. */
  fellBack: boolean;
}
