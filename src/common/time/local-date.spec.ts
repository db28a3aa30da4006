import { addDays, daysBetween, isoWeekStart, localDate } from './local-date';

describe('local dates', () => {
  it('names the calendar day of an instant in a time zone', () => {
    const instant = new Date('2026-01-04T04:30:00Z');
    expect(localDate('UTC', instant)).toBe('2026-01-04');
    expect(localDate('America/New_York', instant)).toBe('2026-01-03');
    expect(localDate('Pacific/Kiritimati', new Date('2026-01-03T12:00:00Z'))).toBe('2026-01-04');
  });

  it('counts days across month, year and daylight-saving boundaries', () => {
    expect(addDays('2026-01-08', -7)).toBe('2026-01-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(daysBetween('2026-01-08', '2026-01-01')).toBe(-7);
  });

  it('finds the Monday of the ISO week, across a year boundary', () => {
    expect(isoWeekStart('2026-11-16')).toBe('2026-11-16'); // a Monday
    expect(isoWeekStart('2026-11-22')).toBe('2026-11-16'); // its Sunday
    expect(isoWeekStart('2027-01-01')).toBe('2026-12-28');
  });
});
