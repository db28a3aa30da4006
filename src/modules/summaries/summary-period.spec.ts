import { periodContaining, periodsContaining } from './summary-period';

describe('periodContaining', () => {
  const instant = new Date('2026-11-19T23:30:00.000Z'); // a Thursday

  it('finds the UTC day', () => {
    expect(periodContaining('day', instant)).toEqual({
      period: 'day',
      start: new Date('2026-11-19T00:00:00.000Z'),
      end: new Date('2026-11-20T00:00:00.000Z'),
    });
  });

  it('finds the ISO week, Monday to Monday', () => {
    expect(periodContaining('week', instant)).toMatchObject({
      start: new Date('2026-11-16T00:00:00.000Z'),
      end: new Date('2026-11-23T00:00:00.000Z'),
    });
    // A Sunday belongs to the week that started six days earlier.
    expect(periodContaining('week', new Date('2026-11-22T12:00:00Z')).start).toEqual(
      new Date('2026-11-16T00:00:00Z'),
    );
    expect(periodContaining('week', new Date('2026-11-16T00:00:00Z')).start).toEqual(
      new Date('2026-11-16T00:00:00Z'),
    );
  });

  it('finds the month, across a year end', () => {
    expect(periodContaining('month', new Date('2026-12-31T23:59:59Z'))).toMatchObject({
      start: new Date('2026-12-01T00:00:00Z'),
      end: new Date('2027-01-01T00:00:00Z'),
    });
  });

  it('lists the day, week and month of an instant', () => {
    expect(periodsContaining(instant).map((w) => w.period)).toEqual(['day', 'week', 'month']);
  });
});
