/** Local calendar days, both inclusive (`YYYY-MM-DD`), read on the wall clock of a time zone. */
export interface LocalDayRange {
  firstDay: string;
  lastDay: string;
}

/**
 * SQL: one row per range of `$firsts` / `$lasts` (two `date[]` parameters), as
 * `alias(first_day, last_day, i)` with `i` its 1-based position, for per-range aggregates in
 * one statement (`GROUP BY alias.i ORDER BY alias.i`).
 */
export function localDayRangesSql(firsts: string, lasts: string, alias: string): string {
  return `unnest(${firsts}::date[], ${lasts}::date[]) WITH ORDINALITY AS ${alias}(first_day, last_day, i)`;
}

/** The two `date[]` parameters `localDayRangesSql` reads. */
export function localDayRangeParams(ranges: readonly LocalDayRange[]): [string[], string[]] {
  return [ranges.map((range) => range.firstDay), ranges.map((range) => range.lastDay)];
}
