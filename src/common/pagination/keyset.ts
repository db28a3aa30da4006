import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { KeysetPosition } from './cursor';

/**
 * Newest-first keyset page over (`column`, id): orders by both descending, starts strictly
 * after `before`, and fetches `limit + 1` rows (the extra one only tells whether a next page
 * exists; see toCursorPage). Back it with an index ending in (column, id).
 */
export function newestFirstPage<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  column: string,
  before: KeysetPosition | undefined,
  limit: number,
): SelectQueryBuilder<T> {
  const alias = query.alias;
  query
    .orderBy(`${alias}.${column}`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .limit(limit + 1);
  if (before) {
    query.andWhere(`(${alias}.${column}, ${alias}.id) < (:keysetAt, :keysetId)`, {
      keysetAt: before.at,
      keysetId: before.id,
    });
  }
  return query;
}

/**
 * SQL for an instant cut to milliseconds, the precision of a keyset cursor (encodeCursor): a
 * row stored with microseconds could sort after the cursor's rounded instant and be skipped by
 * the next page. Columns written by raw SQL and paged by keyset store instants through it.
 */
export function keysetInstantSql(instant: string): string {
  return `date_trunc('milliseconds', ${instant})`;
}

/** now(), cut to milliseconds (keysetInstantSql). */
export const KEYSET_NOW_SQL = keysetInstantSql('now()');
