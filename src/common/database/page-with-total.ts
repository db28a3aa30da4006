/**
 * One statement for an offset page and the total of a ranked list: `matches` is the query of
 * every row (it may have a WITH of its own), `page` selects the page from it as `m`
 * (`SELECT … FROM matches m ORDER BY … OFFSET … LIMIT …`). Answers one row per item with a
 * `total` column, or, for a page past the end, one row whose item columns are null: the total
 * is right on every page, where `count(*) OVER ()` has no row to ride on an empty one.
 *
 * `besides`: more columns computed once over `matches` next to the total, on every row as it
 * is (a list of `expression AS name`, e.g. the viewer's own row wherever the page is).
 */
export function pageWithTotalSql(matches: string, page: string, besides?: string): string {
  return `WITH matches AS (${matches})
   SELECT t.*, p.*
     FROM (SELECT count(*)::int AS total${besides ? `, ${besides}` : ''} FROM matches) t
     LEFT JOIN LATERAL (${page}) p ON true`;
}

/** The items and the total of pageWithTotalSql's rows (items are those with an `id`). */
export function splitPageWithTotal<Row extends { id: string | null; total: number }>(
  rows: Row[],
): { items: Row[]; total: number } {
  return { items: rows.filter((row) => row.id !== null), total: rows[0]?.total ?? 0 };
}
