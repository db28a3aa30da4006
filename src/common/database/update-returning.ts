import { EntityMetadata, ObjectLiteral, Repository, UpdateQueryBuilder } from 'typeorm';
import { DomainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { writeWithEvents } from '../../infrastructure/events/publish-domain-events';

/**
 * An UPDATE that hands back the updated row in the same statement, as the entity class. TypeORM's
 * update builder returns raw rows keyed by column name, so callers used to reload the row with a
 * second SELECT: one more round trip per claim or completion on the worker's hot paths.
 * `RETURNING` names every column by its property; the driver has already parsed the values
 * (timestamps, json, numbers), so the row only needs the entity's prototype.
 *
 * With `events`, they are published in the same statement (writeWithEvents), only if a row
 * was updated.
 */
export async function updateReturningEntity<T extends ObjectLiteral>(
  repository: Repository<T>,
  update: (builder: UpdateQueryBuilder<T>) => UpdateQueryBuilder<T>,
  ...events: DomainEvent[]
): Promise<T | null> {
  const metadata = repository.metadata;
  const builder = update(repository.createQueryBuilder().update()).returning(
    returningColumns(metadata),
  );
  let row: Record<string, unknown> | undefined;
  if (events.length === 0) {
    [row] = (await builder.execute()).raw as Record<string, unknown>[];
  } else {
    const [sql, parameters] = builder.getQueryAndParameters();
    [row] = await writeWithEvents<Record<string, unknown>>(
      repository.manager,
      { sql, parameters },
      ...events,
    );
  }
  return row ? rowAsEntity<T>(metadata, row) : null;
}

/**
 * Every column of the entity named by its property: a `RETURNING` list (or a SELECT list),
 * qualified by `table` when given (an UPDATE … FROM whose other items share column names).
 * A `date` column is read as text: the driver would parse it to a Date at UTC midnight, while
 * TypeORM (and so the entity) gives days as YYYY-MM-DD strings.
 */
export function returningColumns(metadata: EntityMetadata, table?: string): string {
  const prefix = table ? `"${table}".` : '';
  return metadata.columns
    .map((column) =>
      column.type === 'date'
        ? `${prefix}"${column.databaseName}"::text AS "${column.propertyName}"`
        : `${prefix}"${column.databaseName}" AS "${column.propertyName}"`,
    )
    .join(', ');
}

/** A row selected by returningColumns, as the entity class (the driver parsed its values). */
export function rowAsEntity<T extends ObjectLiteral>(
  metadata: EntityMetadata,
  row: Record<string, unknown>,
): T {
  return Object.assign(metadata.create() as T, row);
}
