import type { SummaryPeriod } from '../ai/ai.vocabulary';

export interface PeriodWindow {
  period: SummaryPeriod;
  /** Inclusive. */
  start: Date;
  /** Exclusive. */
  end: Date;
}

const DAY_MS = 86_400_000;

/**
 * The calendar period (UTC) containing `instant`: the day, the ISO week (Monday to Monday)
 * or the month. Users' own time zones are not modelled yet; see docs/decisions.md.
 */
export function periodContaining(period: SummaryPeriod, instant: Date): PeriodWindow {
  const day = Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());
  switch (period) {
    case 'day':
      return { period, start: new Date(day), end: new Date(day + DAY_MS) };
    case 'week': {
      const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
      const start = day - sinceMonday * DAY_MS;
      return { period, start: new Date(start), end: new Date(start + 7 * DAY_MS) };
    }
    case 'month': {
      const year = instant.getUTCFullYear();
      const month = instant.getUTCMonth();
      return {
        period,
        start: new Date(Date.UTC(year, month, 1)),
        end: new Date(Date.UTC(year, month + 1, 1)),
      };
    }
  }
}

/** Every period (of every kind) an instant falls into: what an entry change invalidates. */
export function periodsContaining(instant: Date): PeriodWindow[] {
  return (['day', 'week', 'month'] as const).map((period) => periodContaining(period, instant));
}
