/**
 * SQL for an instant written as JSON answers write it (`Date#toISOString`: UTC, milliseconds,
 * `Z`), so a read can hand PostgreSQL's row to the client as it is, without making and
 * formatting a Date per value. `instant` is a timestamptz expression (a column). Microseconds
 * are dropped as the pg driver drops them when it makes a Date; years are 1 to 9999.
 */
export function isoInstantSql(instant: string): string {
  return `to_char(${instant} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
