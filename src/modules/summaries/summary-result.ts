import type { NoteInsights, SummaryStatistics } from '../ai/ai.types';

/** What a completed summary stores (jsonb) and returns. */
export interface SummaryResult {
  statistics: SummaryStatistics;
  narrative: string;
  highlights: string[];
  notes: NoteInsights;
  provider: 'local' | 'openai';
  model: string;
  fellBack: boolean;
}
