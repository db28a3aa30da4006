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
