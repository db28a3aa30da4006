/**
 * How statistics are written in words: one decimal for averages and differences, whole
 * numbers for counts, UTC calendar days as "Saturday 7 November". Shared by the local
 * provider and the placeholder values given to the remote one, so both read alike.
 */

import { MONTH_NAMES } from '../../common/time/local-date';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const DAY_MS = 86_400_000;

/** 3.6444 → "3.6"; never "-0.0". */
export function oneDecimal(value: number): string {
  const text = (Math.round(value * 10) / 10).toFixed(1);
  return text === '-0.0' ? '0.0' : text;
}

/** 1.23 → "+1.2", -1.25 → "-1.3" (rounded half away from zero), 0.01 → "0.0". */
export function signedOneDecimal(value: number): string {
  const rounded = Math.sign(value) * Math.round(Math.abs(value) * 10);
  if (rounded === 0) return '0.0';
  return `${rounded > 0 ? '+' : '-'}${(Math.abs(rounded) / 10).toFixed(1)}`;
}

/** Magnitude with one decimal: -1.25 → "1.3". */
export function absOneDecimal(value: number): string {
  return oneDecimal(Math.abs(value));
}

export function count(value: number, singular: string, plural = `${singular}s`): string {
  return `${value} ${value === 1 ? singular : plural}`;
}

function utcDate(isoDateOrTimestamp: string): Date {
  const date = new Date(
    isoDateOrTimestamp.length === 10 ? `${isoDateOrTimestamp}T00:00:00Z` : isoDateOrTimestamp,
  );
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${isoDateOrTimestamp}`);
  return date;
}

/** "2026-11-07" or an ISO timestamp → "Saturday 7 November" (UTC). */
export function formatDay(isoDateOrTimestamp: string): string {
  const d = utcDate(isoDateOrTimestamp);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]}`;
}

/** The last calendar day of [from, to): the day before `to`. */
export function lastDayOf(to: string): string {
  return new Date(utcDate(to).getTime() - DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days in [from, to), at least 1. */
export function daysBetween(from: string, to: string): number {
  return Math.max(1, Math.round((utcDate(to).getTime() - utcDate(from).getTime()) / DAY_MS));
}

/** [from, to) → "2 and 8 November", "28 October and 3 November", "28 December 2026 and 3 January 2027". */
export function formatRange(from: string, to: string): string {
  const start = utcDate(from);
  const end = utcDate(lastDayOf(to));
  const day = (d: Date) => `${d.getUTCDate()}`;
  const month = (d: Date) => MONTH_NAMES[d.getUTCMonth()];
  if (start.getUTCFullYear() !== end.getUTCFullYear()) {
    return `${day(start)} ${month(start)} ${start.getUTCFullYear()} and ${day(end)} ${month(end)} ${end.getUTCFullYear()}`;
  }
  if (start.getUTCMonth() !== end.getUTCMonth()) {
    return `${day(start)} ${month(start)} and ${day(end)} ${month(end)}`;
  }
  return `${day(start)} and ${day(end)} ${month(end)}`;
}
