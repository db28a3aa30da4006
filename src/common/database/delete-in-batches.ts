/** What runs a statement and reports its affected rows: a DataSource or an EntityManager. */
interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Deletes the rows of `table` that `where` selects, `batch` at a time, until none is left;
 * returns how many went. Short statements keep each lock and WAL burst small, so a retention
 * job that finds a large backlog never stalls the writers of the same table. Rows are named
 * by their physical address (a TID scan), which works for any primary key.
 */
export async function deleteInBatches(
  db: Queryable,
  table: string,
  where: string,
  parameters: unknown[],
  batch = 5_000,
): Promise<number> {
  const limit = `$${parameters.length + 1}`;
  let total = 0;
  for (;;) {
    const [, deleted] = (await db.query(
      `DELETE FROM ${table}
        WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE ${where} LIMIT ${limit}))`,
      [...parameters, batch],
    )) as [unknown, number];
    total += deleted;
    if (deleted < batch) return total;
  }
}
