import { ObjectLiteral, Repository, UpdateQueryBuilder } from 'typeorm';

/**
 * An UPDATE that hands back the updated row in the same statement, as the entity class. TypeORM's
 * update builder returns raw rows keyed by column name, so callers used to reload the row with a
 * second SELECT: one more round trip per claim or completion on the worker's hot paths.
 * `RETURNING` names every column by its property; the driver has already parsed the values
 * (timestamps, json, numbers), so the row only needs the entity's prototype.
 */
export async function updateReturningEntity<T extends ObjectLiteral>(
  repository: Repository<T>,
  update: (builder: UpdateQueryBuilder<T>) => UpdateQueryBuilder<T>,
): Promise<T | null> {
  const metadata = repository.metadata;
  const columns = metadata.columns
    .map((column) => `"${column.databaseName}" AS "${column.propertyName}"`)
    .join(', ');
  const result = await update(repository.createQueryBuilder().update())
    .returning(columns)
    .execute();
  const [row] = result.raw as Record<string, unknown>[];
  return row ? Object.assign(metadata.create() as T, row) : null;
}
