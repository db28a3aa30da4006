import type { AiProviderName } from '../ai-usage.types';
import type { NoteInsights, SummaryStatistics } from '../ai.vocabulary';

/** What a provider is given: the statistics, the raw notes and their local NLP insights. */
export interface NarrativeInput {
  stats: SummaryStatistics;
  /** Newest first, already bounded by the caller. */
  notes: string[];
  insights: NoteInsights;
}

/** Tokens reported by a remote API; null fields when it did not say. */
export interface TokenUsage {
  promptTokens: number | null;
  completionTokens: number | null;
}

/** Words around the statistics, every number already substituted from them. */
export interface ProviderAnswer {
  narrative: string;
  highlights: string[];
  /** Null for the local provider (no tokens) or when the API reported none. */
  usage: TokenUsage | null;
}

/** One way of writing a summary's narrative. */
export interface NarrativeProvider {
  readonly name: AiProviderName;
  readonly model: string;
  write(input: NarrativeInput): Promise<ProviderAnswer>;
}
