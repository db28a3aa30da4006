import { DateTime } from 'luxon';
import { ReportFrequency, ReportPeriod } from './report.vocabulary';

/** First and last day of a report (inclusive), dates (YYYY-MM-DD) in its time zone. */
export interface ReportDays {
  fromDate: string;
  toDate: string;
}

type CalendarPeriod = Exclude<ReportPeriod, ReportPeriod.Custom>;

const UNIT: Record<CalendarPeriod, 'week' | 'month' | 'year'> = {
  [ReportPeriod.Weekly]: 'week',
  [ReportPeriod.Monthly]: 'month',
  [ReportPeriod.Yearly]: 'year',
};

const FREQUENCY_PERIOD: Record<ReportFrequency, CalendarPeriod> = {
  [ReportFrequency.Weekly]: ReportPeriod.Weekly,
  [ReportFrequency.Monthly]: ReportPeriod.Monthly,
};

/** The ISO week (Monday–Sunday), calendar month or year that contains `date`. */
export function periodContaining(period: CalendarPeriod, date: string): ReportDays {
  const day = DateTime.fromISO(date, { zone: 'utc' });
  const unit = UNIT[period];
  return { fromDate: day.startOf(unit).toISODate()!, toDate: day.endOf(unit).toISODate()! };
}

/** The last whole week, month or year before today in `timeZone`: the default report. */
export function lastCompletePeriod(
  period: CalendarPeriod,
  timeZone: string,
  now: Date = new Date(),
): ReportDays {
  const today = DateTime.fromJSDate(now, { zone: timeZone });
  const inPrevious = today.startOf(UNIT[period]).minus({ days: 1 });
  return periodContaining(period, inPrevious.toISODate()!);
}

/** The period just ended at `hour` local time on the first day of the next one. */
function boundaryAt(start: DateTime, hour: number): DateTime {
  // A local hour skipped by a daylight-saving change moves forward (02:30 → 03:30).
  return start.set({ hour, minute: 0, second: 0, millisecond: 0 });
}

/**
 * When a schedule is next due after `after`: the local `hour` of the first day of a week
 * (Monday) or month, in `timeZone`, strictly later than `after`. Computed in local time, so the
 * same local hour is kept across daylight-saving changes (the UTC instant moves instead).
 */
export function nextRunAfter(
  frequency: ReportFrequency,
  hour: number,
  timeZone: string,
  after: Date,
): Date {
  const unit = UNIT[FREQUENCY_PERIOD[frequency]];
  const local = DateTime.fromJSDate(after, { zone: timeZone });
  let candidate = boundaryAt(local.startOf(unit), hour);
  while (candidate.toMillis() <= after.getTime()) {
    candidate = boundaryAt(
      candidate
        .startOf(unit)
        .plus({ [unit]: 1 })
        .startOf(unit),
      hour,
    );
  }
  return candidate.toJSDate();
}

/** What a run due at `dueAt` covers: the week or month that ended before that local day. */
export function periodEndedBefore(
  frequency: ReportFrequency,
  timeZone: string,
  dueAt: Date,
): ReportDays {
  return lastCompletePeriod(FREQUENCY_PERIOD[frequency], timeZone, dueAt);
}

export function reportPeriodOf(frequency: ReportFrequency): ReportPeriod {
  return FREQUENCY_PERIOD[frequency];
}

/** Whether `timeZone` is an IANA zone luxon (and PostgreSQL) understands. */
export function isKnownTimeZone(timeZone: string): boolean {
  return DateTime.now().setZone(timeZone).isValid;
}
