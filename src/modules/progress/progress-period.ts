import { addDays, isoWeekStart } from '../../common/time/local-date';

/** Local days, both inclusive. */
export interface DayRange {
  firstDay: string;
  lastDay: string;
}

/** The e1RM windows are 4 weeks long: "current" and the two baselines (docs/progress.md). */
export const E1RM_WINDOW_DAYS = 28;

/** The `weeks` ISO weeks ending with the week of `lastDay`, cut at `lastDay`. */
export function weeksEndingOn(lastDay: string, weeks: number): DayRange {
  return { firstDay: addDays(isoWeekStart(lastDay), -7 * (weeks - 1)), lastDay };
}

/**
 * The windows of the strength summary, ending on `lastDay`: the last 4 weeks ("current"),
 * and the 4 weeks that ended 4 and 12 weeks earlier (the baselines of the two changes).
 */
export function strengthWindows(lastDay: string) {
  const windowEndingDaysBefore = (days: number): DayRange => ({
    firstDay: addDays(lastDay, -days - E1RM_WINDOW_DAYS + 1),
    lastDay: addDays(lastDay, -days),
  });
  return {
    recent: windowEndingDaysBefore(0),
    change4w: windowEndingDaysBefore(4 * 7),
    change12w: windowEndingDaysBefore(12 * 7),
  };
}

/**
 * current − baseline, absolute (two decimals, like every weight) and in % (one decimal);
 * null without a baseline.
 */
export function changeOf(
  current: number,
  baseline: number | null,
): { baseline: number; absolute: number; percent: number } | null {
  if (baseline === null || baseline <= 0) return null;
  const absolute = current - baseline;
  return {
    baseline,
    absolute: Math.round(absolute * 100) / 100,
    percent: Math.round((absolute / baseline) * 1000) / 10,
  };
}
