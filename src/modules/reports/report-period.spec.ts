import {
  lastCompletePeriod,
  nextRunAfter,
  periodContaining,
  periodEndedBefore,
} from './report-period';
import { ReportFrequency, ReportPeriod } from './report.vocabulary';

describe('report periods', () => {
  it('finds the ISO week, month and year around a date', () => {
    expect(periodContaining(ReportPeriod.Weekly, '2026-11-18')).toEqual({
      fromDate: '2026-11-16',
      toDate: '2026-11-22',
    });
    expect(periodContaining(ReportPeriod.Monthly, '2024-02-10')).toEqual({
      fromDate: '2024-02-01',
      toDate: '2024-02-29',
    });
    expect(periodContaining(ReportPeriod.Yearly, '2026-06-01')).toEqual({
      fromDate: '2026-01-01',
      toDate: '2026-12-31',
    });
  });

  it('takes the last complete period in the user’s time zone, not UTC', () => {
    // 2026-12-01 03:00 UTC is still November 30 in Los Angeles.
    const now = new Date('2026-12-01T03:00:00Z');
    expect(lastCompletePeriod(ReportPeriod.Monthly, 'America/Los_Angeles', now)).toEqual({
      fromDate: '2026-10-01',
      toDate: '2026-10-31',
    });
    expect(lastCompletePeriod(ReportPeriod.Monthly, 'Europe/Paris', now)).toEqual({
      fromDate: '2026-11-01',
      toDate: '2026-11-30',
    });
  });
});

describe('next run of a schedule (luxon, across daylight-saving changes)', () => {
  it('keeps 07:00 Paris time when Europe moves its clocks forward (weekly)', () => {
    // Monday 2026-03-23 07:00 CET is 06:00 UTC; Europe/Paris moves to CEST on Sunday 2026-03-29.
    const first = nextRunAfter(
      ReportFrequency.Weekly,
      7,
      'Europe/Paris',
      new Date('2026-03-20T12:00:00Z'),
    );
    expect(first.toISOString()).toBe('2026-03-23T06:00:00.000Z');
    const second = nextRunAfter(ReportFrequency.Weekly, 7, 'Europe/Paris', first);
    expect(second.toISOString()).toBe('2026-03-30T05:00:00.000Z');
    expect(periodEndedBefore(ReportFrequency.Weekly, 'Europe/Paris', second)).toEqual({
      fromDate: '2026-03-23',
      toDate: '2026-03-29',
    });
  });

  it('keeps 08:00 New York time when the US moves its clocks back (monthly)', () => {
    // 2026-11-01 is the day New York leaves EDT (UTC−4) for EST (UTC−5), at 02:00 local.
    const october = nextRunAfter(
      ReportFrequency.Monthly,
      8,
      'America/New_York',
      new Date('2026-09-15T00:00:00Z'),
    );
    expect(october.toISOString()).toBe('2026-10-01T12:00:00.000Z');
    const november = nextRunAfter(ReportFrequency.Monthly, 8, 'America/New_York', october);
    expect(november.toISOString()).toBe('2026-11-01T13:00:00.000Z');
    expect(periodEndedBefore(ReportFrequency.Monthly, 'America/New_York', november)).toEqual({
      fromDate: '2026-10-01',
      toDate: '2026-10-31',
    });
  });

  it('keeps local midnight across Santiago’s spring change (UTC−4 → UTC−3 on 2026-09-06)', () => {
    const before = nextRunAfter(
      ReportFrequency.Weekly,
      0,
      'America/Santiago',
      new Date('2026-08-30T12:00:00Z'),
    );
    expect(before.toISOString()).toBe('2026-08-31T04:00:00.000Z');
    const after = nextRunAfter(ReportFrequency.Weekly, 0, 'America/Santiago', before);
    expect(after.toISOString()).toBe('2026-09-07T03:00:00.000Z');
  });

  it('is strictly after the given instant (a run due now is not due again)', () => {
    const at = new Date('2026-11-02T06:00:00Z'); // Monday 07:00 in Paris
    expect(nextRunAfter(ReportFrequency.Weekly, 7, 'Europe/Paris', at).toISOString()).toBe(
      '2026-11-09T06:00:00.000Z',
    );
    expect(
      nextRunAfter(
        ReportFrequency.Weekly,
        7,
        'Europe/Paris',
        new Date(at.getTime() - 1),
      ).toISOString(),
    ).toBe(at.toISOString());
  });
});
