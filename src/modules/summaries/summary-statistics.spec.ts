import { bestAndWorstDays, moodAssociations, round, streaks } from './summary-statistics';

describe('summary statistics helpers', () => {
  it('finds streaks of consecutive days', () => {
    expect(streaks([])).toEqual({ longest: 0, current: 0 });
    expect(streaks(['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-13', '2026-11-14'])).toEqual(
      {
        longest: 3,
        current: 2,
      },
    );
    expect(streaks(['2026-10-31', '2026-11-01'])).toEqual({ longest: 2, current: 2 });
  });

  it('picks best and worst days, earlier day on ties', () => {
    const days = [
      { date: '2026-11-09', averageMood: 6, entries: 2 },
      { date: '2026-11-10', averageMood: 8, entries: 1 },
      { date: '2026-11-11', averageMood: 8, entries: 1 },
      { date: '2026-11-12', averageMood: 3, entries: 1 },
    ];
    expect(bestAndWorstDays(days)).toEqual({ best: days[1], worst: days[3] });
    expect(bestAndWorstDays([])).toEqual({ best: null, worst: null });
  });

  it('compares mood with and without a tag, with sample sizes', () => {
    // 6 entries, mood sum 36 (avg 6). "run" on 3 entries with moods 8, 8, 8 = 24.
    const result = moodAssociations(
      [
        { key: 'run', sum: 24, count: 3 },
        { key: 'late', sum: 6, count: 2 },
        { key: 'once', sum: 10, count: 1 },
      ],
      { sum: 36, count: 6 },
    );
    expect(result.higher).toEqual([
      {
        key: 'run',
        averageMoodWith: 8,
        averageMoodWithout: 4,
        difference: 4,
        entriesWith: 3,
        entriesWithout: 3,
      },
    ]);
    expect(result.lower).toEqual([
      {
        key: 'late',
        averageMoodWith: 3,
        averageMoodWithout: 7.5,
        difference: -4.5,
        entriesWith: 2,
        entriesWithout: 4,
      },
    ]);
  });

  it('rounds to two decimals and keeps null', () => {
    expect(round(1 / 3)).toBe(0.33);
    expect(round(null)).toBeNull();
  });
});
