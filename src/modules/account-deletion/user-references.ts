import { EntityManager } from 'typeorm';

/** A column that names an account: `table.column`. */
export interface UserReference {
  table: string;
  column: string;
  /** Whether a foreign key to users(id) backs it (else it was found by its name). */
  foreignKey: boolean;
}

/**
 * Columns that name an account without a foreign key (logs that outlive the accounts they
 * name, ids kept loosely): found by their name. A new such column must be named like this, or
 * it escapes the purge's check.
 */
export const USER_COLUMN_NAME =
  /^(user|owner|creator|author|moderator|reporter|requester|addressee|friend|blocker|blocked|actor|recipient|sender|member|target_owner|resolved_by|created_by|reviewed_by|requested_by|invited_by|inviter)_id$/;

/**
 * Every column of the public schema that references an account: the foreign keys to
 * users(id) (pg_catalog), and the uuid columns named like one (information_schema). The purge
 * applies a declared policy to each (user-data-policies.ts); a test fails when one has none.
 */
export async function discoverUserReferences(db: EntityManager): Promise<UserReference[]> {
  const foreignKeys: { table: string; column: string }[] = await db.query(
    `SELECT c.conrelid::regclass::text AS "table", a.attname AS "column"
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.contype = 'f' AND c.confrelid = 'public.users'::regclass
        AND c.connamespace = 'public'::regnamespace`,
  );
  const uuidColumns: { table: string; column: string }[] = await db.query(
    `SELECT c.table_name AS "table", c.column_name AS "column"
       FROM information_schema.columns c
       JOIN information_schema.tables t
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND c.data_type = 'uuid' AND c.table_name <> 'users'`,
  );
  const found = new Map<string, UserReference>();
  for (const { table, column } of foreignKeys) {
    found.set(`${table}.${column}`, { table, column, foreignKey: true });
  }
  for (const { table, column } of uuidColumns) {
    const key = `${table}.${column}`;
    if (!found.has(key) && USER_COLUMN_NAME.test(column)) {
      found.set(key, { table, column, foreignKey: false });
    }
  }
  return [...found.values()].sort((a, b) =>
    `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`),
  );
}
