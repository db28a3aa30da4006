import type { SummaryNarrative, SummaryStatistics } from '../ai/ai.vocabulary';

/** What a completed summary stores (jsonb) and returns: the numbers and the words about them. */
export type SummaryResult = { statistics: SummaryStatistics } & Pick<
  SummaryNarrative,
  'narrative' | 'highlights' | 'notes' | 'provider' | 'model' | 'fellBack'
>;
