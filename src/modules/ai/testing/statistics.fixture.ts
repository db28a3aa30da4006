import type { SeriesStatistics, SummaryStatistics } from '../ai.vocabulary';

/** Statistics of a plausible week, shared by the AI unit and e2e tests. */
export function weekStatistics(overrides: Partial<SummaryStatistics> = {}): SummaryStatistics {
  return {
    period: 'week',
    from: '2026-11-02T00:00:00.000Z',
    to: '2026-11-09T00:00:00.000Z',
    entryCount: 9,
    daysWithEntries: 6,
    mood: { average: 6.4444, trendPerDay: 0.12, volatility: 1.31, min: 3, max: 9, samples: 9 },
    energy: { average: 5.25, trendPerDay: -0.05, volatility: 0.9, min: 4, max: 7, samples: 8 },
    bestDay: { date: '2026-11-07', averageMood: 8.5, entries: 2 },
    worstDay: { date: '2026-11-03', averageMood: 3, entries: 1 },
    longestStreakDays: 4,
    currentStreakDays: 3,
    tagsWithHigherMood: [
      {
        key: 'running',
        averageMoodWith: 7.5,
        averageMoodWithout: 6.3,
        difference: 1.2,
        entriesWith: 4,
        entriesWithout: 5,
      },
    ],
    tagsWithLowerMood: [
      {
        key: 'work',
        averageMoodWith: 5.6,
        averageMoodWithout: 6.9,
        difference: -1.25,
        entriesWith: 3,
        entriesWithout: 6,
      },
    ],
    typesWithHigherMood: [],
    typesWithLowerMood: [],
    entriesByType: [{ type: 'mood', entries: 9 }],
    ...overrides,
  };
}

export const EMPTY_SERIES: SeriesStatistics = {
  average: null,
  trendPerDay: null,
  volatility: null,
  min: null,
  max: null,
  samples: 0,
};

/** A week without a single entry. */
export function emptyWeekStatistics(): SummaryStatistics {
  return weekStatistics({
    entryCount: 0,
    daysWithEntries: 0,
    mood: EMPTY_SERIES,
    energy: EMPTY_SERIES,
    bestDay: null,
    worstDay: null,
    longestStreakDays: 0,
    currentStreakDays: 0,
    tagsWithHigherMood: [],
    tagsWithLowerMood: [],
    entriesByType: [],
  });
}

export const WEEK_NOTES = [
  'Great morning run, felt energetic and happy.',
  'Slept badly, stressful work deadline. Tired all day.',
  'Another morning run with friends, really enjoyed it!',
  'Work deadline again, anxious and exhausted.',
];
