import { changeOf, strengthWindows, weeksEndingOn } from './progress-period';

describe('progress periods', () => {
  it('covers whole ISO weeks back from the week of the last day, cut at that day', () => {
    // 2026-11-20 is a Friday; its week starts on Monday 2026-11-16.
    expect(weeksEndingOn('2026-11-20', 1)).toEqual({
      firstDay: '2026-11-16',
      lastDay: '2026-11-20',
    });
    expect(weeksEndingOn('2026-11-20', 12)).toEqual({
      firstDay: '2026-08-31',
      lastDay: '2026-11-20',
    });
    expect(weeksEndingOn('2027-01-03', 1).firstDay).toBe('2026-12-28');
  });

  it('places the 4-week e1RM windows 0, 4 and 12 weeks before the last day', () => {
    expect(strengthWindows('2026-11-20')).toEqual({
      recent: { firstDay: '2026-10-24', lastDay: '2026-11-20' },
      change4w: { firstDay: '2026-09-26', lastDay: '2026-10-23' },
      change12w: { firstDay: '2026-08-01', lastDay: '2026-08-28' },
    });
  });

  it('measures a change against its baseline, absolute and in percent', () => {
    expect(changeOf(110, 100)).toEqual({ baseline: 100, absolute: 10, percent: 10 });
    expect(changeOf(95, 120)).toEqual({ baseline: 120, absolute: -25, percent: -20.8 });
    expect(changeOf(95, null)).toBeNull();
  });
});
