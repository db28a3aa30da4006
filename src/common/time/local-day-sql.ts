/**
 * SQL for local days as ranges of instants, so range conditions stay on indexed timestamptz
 * columns. Arguments are SQL expressions (usually bound parameters): a date and an IANA zone.
 */

/** The instant the local day `date` starts. */
export function localMidnightSql(date: string, zone: string): string {
  return `(${date}::date::timestamp AT TIME ZONE ${zone})`;
}

/**
 * The instant after the local day `date`: the next local midnight, which on a daylight-saving
 * change is 23 or 25 hours later, not 24.
 */
export function endOfLocalDaySql(date: string, zone: string): string {
  return `((${date}::date + 1)::timestamp AT TIME ZONE ${zone})`;
}

/** `instant` falls on one of the local days from `first` to `last`, both included. */
export function withinLocalDaysSql(
  instant: string,
  zone: string,
  first: string,
  last: string,
): string {
  return `${instant} >= ${localMidnightSql(first, zone)} AND ${instant} < ${endOfLocalDaySql(last, zone)}`;
}

/** The local day of `instant` in `zone`, as `YYYY-MM-DD` text (to group rows by local day). */
export function localDaySql(instant: string, zone: string): string {
  return `to_char(${instant} AT TIME ZONE ${zone}, 'YYYY-MM-DD')`;
}
