import { parsePeriod, periodErrors, periodOrDefault, previousPeriod } from './analytics-period';

describe('analytics periods', () => {
  it('parses first..last and rejects what is not a period, with the field to blame', () => {
    expect(parsePeriod('2026-10-01..2026-10-31', 'a')).toEqual({
      period: { from: '2026-10-01', to: '2026-10-31' },
      errors: [],
    });
    for (const text of ['2026-10-01', '2026-10-01...2026-10-31', '2026-10-1..2026-10-31', '']) {
      const parsed = parsePeriod(text, 'b');
      expect(parsed.period).toBeNull();
      expect(parsed.errors[0].field).toBe('b');
    }
    expect(parsePeriod('2026-02-30..2026-03-01', 'a').errors[0].messages[0]).toMatch(/date/);
    expect(parsePeriod('2026-10-31..2026-10-01', 'a').errors[0].messages[0]).toMatch(/after/);
  });

  it('accepts one day and at most three years', () => {
    expect(periodErrors({ from: '2026-10-01', to: '2026-10-01' })).toEqual([]);
    expect(periodErrors({ from: '2023-10-02', to: '2026-10-01' })).toEqual([]);
    expect(periodErrors({ from: '2023-10-01', to: '2026-10-01' })[0].field).toBe('to');
  });

  it('the previous period has the same length and ends the day before', () => {
    expect(previousPeriod({ from: '2026-10-01', to: '2026-10-31' })).toEqual({
      from: '2026-08-31',
      to: '2026-09-30',
    });
    // Across a leap day: 2028-02-29 exists.
    expect(previousPeriod({ from: '2028-03-01', to: '2028-03-02' })).toEqual({
      from: '2028-02-28',
      to: '2028-02-29',
    });
  });

  it('defaults to the last 28 days ending today or at `to`', () => {
    expect(periodOrDefault({}, '2026-12-01')).toEqual({ from: '2026-11-04', to: '2026-12-01' });
    expect(periodOrDefault({ to: '2026-10-28' }, '2026-12-01')).toEqual({
      from: '2026-10-01',
      to: '2026-10-28',
    });
    // A route with a longer default (insights: 90 days).
    expect(periodOrDefault({}, '2026-12-01', 90)).toEqual({ from: '2026-09-03', to: '2026-12-01' });
  });
});
