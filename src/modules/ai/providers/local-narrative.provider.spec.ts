import type { NoteInsights } from '../ai.vocabulary';
import { EMPTY_SERIES, emptyWeekStatistics, weekStatistics } from '../testing/statistics.fixture';
import {
  composeLocalNarrative,
  LOCAL_MODEL,
  LocalNarrativeProvider,
} from './local-narrative.provider';

const NO_NOTES: NoteInsights = { sentimentScore: null, sentimentLabel: null, keyPhrases: [] };
const NOTES: NoteInsights = {
  sentimentScore: 0.16,
  sentimentLabel: 'positive',
  keyPhrases: ['work deadline', 'morning', 'run', 'energetic'],
};

describe('local narrative provider', () => {
  it('writes four sentences and five highlights for a full week', () => {
    const { narrative, highlights } = composeLocalNarrative(weekStatistics(), NOTES);
    expect(narrative).toBe(
      'Between 2 and 8 November you logged 9 entries on 6 of 7 days. ' +
        'Your mood averaged 6.4 out of 10 and rose by about 0.8 points a week, with some ups and downs (spread 1.3). ' +
        'Mood ran 1.2 points higher in entries tagged “running” (4 with, 5 without) and 1.3 points lower in entries tagged “work” (3 with, 6 without). ' +
        'Your notes were mostly positive, mentioning “work deadline”, “morning” and “run”.',
    );
    expect(highlights).toEqual([
      'Best day: Saturday 7 November, mood 8.5 (2 entries)',
      'Longest streak: 4 days in a row (current streak: 3 days)',
      'Entries tagged “running”: mood +1.2 (4 with, 5 without)',
      'Entries tagged “work”: mood -1.3 (3 with, 6 without)',
      'Hardest day: Tuesday 3 November, mood 3.0 (1 entry)',
    ]);
  });

  it('falls back to best and hardest days without associations or notes', () => {
    const stats = weekStatistics({
      tagsWithHigherMood: [],
      tagsWithLowerMood: [],
      mood: { ...weekStatistics().mood, trendPerDay: -0.01, volatility: 0.4 },
    });
    const { narrative, highlights } = composeLocalNarrative(stats, NO_NOTES);
    expect(narrative).toContain(
      'Your mood averaged 6.4 out of 10 and held steady, with little variation (spread 0.4).',
    );
    expect(narrative).toContain(
      'Your best day was Saturday 7 November (mood 8.5) and your hardest was Tuesday 3 November (mood 3.0).',
    );
    expect(highlights).toContain('Energy averaged 5.3 out of 10');
  });

  it('describes a falling, swinging mood and event-type associations flagged as small samples', () => {
    const stats = weekStatistics({
      mood: { ...weekStatistics().mood, trendPerDay: -0.3, volatility: 2.26 },
      tagsWithHigherMood: [],
      typesWithHigherMood: [
        {
          key: 'sleep',
          averageMoodWith: 8,
          averageMoodWithout: 6,
          difference: 2,
          entriesWith: 2,
          entriesWithout: 7,
        },
      ],
    });
    const { narrative, highlights } = composeLocalNarrative(stats, NO_NOTES);
    expect(narrative).toContain('fell by about 2.1 points a week, with large swings (spread 2.3)');
    expect(narrative).toContain('Mood ran 2.0 points higher in sleep entries (2 with, 7 without)');
    expect(highlights).toContain('Sleep entries: mood +2.0 (2 with, 7 without, small sample)');
  });

  it('handles an empty period', () => {
    expect(composeLocalNarrative(emptyWeekStatistics(), NO_NOTES)).toEqual({
      narrative:
        'Between 2 and 8 November you logged no entries, so there is nothing to summarise yet. ' +
        'Log how you feel with a mood rating and the next summary will show your trends.',
      highlights: [],
    });
  });

  it('handles entries without mood ratings, and a single day', () => {
    const stats = weekStatistics({
      period: 'day',
      from: '2026-11-02T00:00:00.000Z',
      to: '2026-11-03T00:00:00.000Z',
      entryCount: 2,
      daysWithEntries: 1,
      mood: EMPTY_SERIES,
      energy: EMPTY_SERIES,
      tagsWithHigherMood: [],
      tagsWithLowerMood: [],
    });
    const { narrative, highlights } = composeLocalNarrative(stats, NO_NOTES);
    expect(narrative).toBe(
      'On Monday 2 November you logged 2 entries. None of them had a mood rating, so there is no mood trend yet.',
    );
    expect(highlights).toEqual([]);
  });

  it('spans months in the period phrase', () => {
    const stats = weekStatistics({
      from: '2026-10-28T00:00:00.000Z',
      to: '2026-11-04T00:00:00.000Z',
    });
    expect(composeLocalNarrative(stats, NO_NOTES).narrative).toMatch(
      /^Between 28 October and 3 November you logged 9 entries on 6 of 7 days\./,
    );
  });

  it('answers through the provider interface without usage', async () => {
    const provider = new LocalNarrativeProvider();
    expect(provider.name).toBe('local');
    expect(provider.model).toBe(LOCAL_MODEL);
    const answer = await provider.write({ stats: weekStatistics(), notes: [], insights: NO_NOTES });
    expect(answer.usage).toBeNull();
    expect(answer.highlights.length).toBeLessThanOrEqual(5);
  });
});
