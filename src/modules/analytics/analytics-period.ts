import { FieldError } from '../../common/errors/problem-details';
import { addDays, daysBetween } from '../../common/time/local-date';
import { LocalDayRange } from '../../common/time/local-day-range';

/** The longest period an analytics route aggregates: three years (one of them leap). */
export const MAX_PERIOD_DAYS = 1096;

/** The period an analytics route covers when none is given: the last 28 days, today included. */
export const DEFAULT_PERIOD_DAYS = 28;

/** `YYYY-MM-DD..YYYY-MM-DD`: a period's first and last local days, both included. */
export const PERIOD_PATTERN = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

/** A period as the service takes it: ISO dates, both inclusive, in the user's time zone. */
export interface AnalyticsPeriod {
  from: string;
  to: string;
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

/**
 * The field errors of a period (none when it is valid): both days real calendar dates, `from`
 * not after `to`, at most MAX_PERIOD_DAYS days. `fields` names the request fields to blame.
 */
export function periodErrors(
  period: AnalyticsPeriod,
  fields: { from: string; to: string } = { from: 'from', to: 'to' },
): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCalendarDate(period.from)) {
    errors.push({ field: fields.from, messages: [`${fields.from} must be a date as YYYY-MM-DD`] });
  }
  if (!isCalendarDate(period.to)) {
    errors.push({ field: fields.to, messages: [`${fields.to} must be a date as YYYY-MM-DD`] });
  }
  if (errors.length > 0) return errors;
  const days = daysBetween(period.from, period.to) + 1;
  if (days < 1) {
    errors.push({
      field: fields.from,
      messages: [`${fields.from} must not be after ${fields.to}`],
    });
  } else if (days > MAX_PERIOD_DAYS) {
    errors.push({
      field: fields.to,
      messages: [`a period spans at most ${MAX_PERIOD_DAYS} days (this one spans ${days})`],
    });
  }
  return errors;
}

/**
 * A period written `YYYY-MM-DD..YYYY-MM-DD` (the compare route's `a` and `b`), or the field
 * errors that say what is wrong with it, all blamed on `field`.
 */
export function parsePeriod(
  text: string,
  field: string,
): { period: AnalyticsPeriod; errors: [] } | { period: null; errors: FieldError[] } {
  const match = PERIOD_PATTERN.exec(text);
  if (!match) {
    return {
      period: null,
      errors: [
        {
          field,
          messages: [`${field} must be a period as YYYY-MM-DD..YYYY-MM-DD (first and last day)`],
        },
      ],
    };
  }
  const period = { from: match[1], to: match[2] };
  const errors = periodErrors(period, { from: field, to: field });
  return errors.length > 0 ? { period: null, errors } : { period, errors: [] };
}

/** As a range of local days. */
export function toRange(period: AnalyticsPeriod): LocalDayRange {
  return { firstDay: period.from, lastDay: period.to };
}

/** The period of equal length that ends the day before `period` starts. */
export function previousPeriod(period: AnalyticsPeriod): AnalyticsPeriod {
  const days = daysBetween(period.from, period.to) + 1;
  return { from: addDays(period.from, -days), to: addDays(period.from, -1) };
}

/**
 * `from`/`to` as sent, or the last `defaultDays` days (DEFAULT_PERIOD_DAYS unless a route says
 * otherwise) ending `today` (or `to`).
 */
export function periodOrDefault(
  query: { from?: string; to?: string },
  today: string,
  defaultDays = DEFAULT_PERIOD_DAYS,
): AnalyticsPeriod {
  const to = query.to ?? today;
  return { from: query.from ?? addDays(to, -(defaultDays - 1)), to };
}
