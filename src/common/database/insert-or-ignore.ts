import { DeepPartial, ObjectLiteral, Repository } from 'typeorm';

/**
 * INSERT … ON CONFLICT DO NOTHING for one row: the saved entity, or null when a unique index
 * already holds an equal row. Atomic under concurrent retries, unlike check-then-insert.
 */
export async function insertOrIgnore<T extends ObjectLiteral & { id: string }>(
  repository: Repository<T>,
  values: DeepPartial<NoInfer<T>>,
): Promise<T | null> {
  // TypeORM merges the RETURNING values (id, timestamps) into `row`: no reload needed.
  const row = repository.create(values);
  const result = await repository.createQueryBuilder().insert().values(row).orIgnore().execute();
  return result.identifiers[0]?.id ? row : null;
}
