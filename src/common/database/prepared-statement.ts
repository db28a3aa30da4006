import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';

/**
 * Anything that runs SQL as TypeORM does (`DataSource`, `EntityManager`, `Repository`): the
 * text goes to pg's `client.query(text, parameters)` as it is, inside the manager's
 * transaction when it has one, and a failure comes back as a `QueryFailedError`.
 */
export interface SqlRunner {
  query(query: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Above this many distinct texts something names SQL built with unbounded variants (values
 * inlined in the text): each would stay prepared on every pooled connection. Warned once.
 */
export const PREPARED_TEXTS_WARNING = 500;

const logger = new Logger('PreparedStatements');
const nameByText = new Map<string, string>();
const textByName = new Map<string, string>();

/**
 * The statement name of `text`: a hash of it, memoised. A name stands for one text only (pg
 * refuses a name re-used for another text on the same connection): a second text hashing to a
 * name already taken throws instead of reaching PostgreSQL.
 */
export function statementName(text: string): string {
  const known = nameByText.get(text);
  if (known !== undefined) return known;
  // 128 bits of SHA-256, well under PostgreSQL's 63-character limit on names.
  const name = `fitai_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
  if (textByName.has(name)) {
    throw new Error(`statement name ${name} already stands for another text`);
  }
  nameByText.set(text, name);
  textByName.set(name, text);
  if (nameByText.size === PREPARED_TEXTS_WARNING + 1) {
    logger.warn(
      `more than ${PREPARED_TEXTS_WARNING} distinct prepared statement texts: is a statement with values in its text named?`,
    );
  }
  return name;
}

/**
 * Runs `text` as a **named prepared statement**, otherwise as `runner.query(text, parameters)`:
 * the rows, in the runner's transaction if it has one. PostgreSQL parses the text once per
 * connection (later runs send only Bind and Execute), and after five runs may keep a generic
 * plan for it (plan_cache_mode auto) instead of planning each time. For hot statements whose
 * parse and plan cost as much as their execution (docs/decisions.md, "Named prepared
 * statements").
 *
 * Limits:
 * - the text must come from a bounded set (constants, or built from a few fixed choices):
 *   never values inlined in it, or every variant stays prepared on every pooled connection;
 * - a session-level prepared statement needs the same server connection for each run: behind
 *   PgBouncer in transaction (or statement) pooling mode the name may reach a server
 *   connection that never saw it ("prepared statement … does not exist"); run direct or in
 *   session pooling;
 * - an UPDATE or DELETE answers TypeORM's [rows, count] rather than rows (use RETURNING in a
 *   WITH, or `runner.query`);
 * - a migration changing the type of a column a prepared statement returns makes every run of
 *   it fail on the connections that prepared it ("cached plan must not change result type"):
 *   restart the processes after such a migration.
 */
export function preparedQuery<Row>(
  runner: SqlRunner,
  text: string,
  parameters: readonly unknown[] = [],
): Promise<Row[]> {
  const statement = { name: statementName(text), text };
  // TypeORM types the query as a string but hands it to pg's client.query unchanged, which
  // takes a query config ({ name, text }) in its place and adds the parameters as its values.
  return runner.query(statement as unknown as string, [...parameters]) as Promise<Row[]>;
}
