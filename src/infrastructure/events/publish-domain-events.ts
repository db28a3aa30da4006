import { EntityManager } from 'typeorm';
import { preparedQuery } from '../../common/database/prepared-statement';
import { SqlStatement } from '../../common/database/sql-statement';
import { RequestContext } from '../../common/http/request-context';
import { DomainEvent } from './domain-event-catalogue';
import { wakeRelayAfterCommit } from './outbox-wake-up';

/**
 * Domain events go through the transactional outbox: one `domain_events` row each, written
 * atomically with the fact they announce. Nothing touches Redis here: the worker relays
 * committed rows to the subscribers (OutboxRelay), and a subscriber's failure can never reach
 * the request that published. The publisher wakes the relay after its commit (outbox-wake-up.ts).
 * Three ways to publish:
 * - publishDomainEvents, in the caller's transaction, for a fact written by several statements;
 * - writeWithEvents (withOutboxInsert), in the fact's own statement, for a fact written by one: no transaction
 *   (BEGIN and COMMIT are two round trips of their own) and one statement for both;
 * - writeWithEventsPerRow, the same for one statement writing the facts of several callers
 *   (a batch), each row its own events.
 */

/** The outbox insert of `events`, its two parameters numbered from `firstParameter`. */
function outboxInsert(events: DomainEvent[], firstParameter: number): SqlStatement {
  const [eventsParameter, requestIdParameter] = [`$${firstParameter}`, `$${firstParameter + 1}`];
  return {
    sql: `INSERT INTO domain_events (name, payload, request_id)
     SELECT e.name, e.payload, ${requestIdParameter}
       FROM jsonb_to_recordset(${eventsParameter}::jsonb) AS e(name text, payload jsonb)`,
    parameters: [JSON.stringify(events), RequestContext.requestId() ?? null],
  };
}

/** Publishes in the caller's transaction, so the fact and its events commit or roll back together. */
export async function publishDomainEvents(
  manager: EntityManager,
  ...events: DomainEvent[]
): Promise<void> {
  if (events.length === 0) return;
  if (!manager.queryRunner?.isTransactionActive) {
    // Outside a transaction the event could commit without its fact, or the fact without it.
    throw new Error('publishDomainEvents needs the manager of an open transaction');
  }
  const insert = outboxInsert(events, 1);
  await manager.query(insert.sql, insert.parameters);
  wakeRelayAfterCommit(manager);
}

/**
 * `write` and the outbox insert of `events` as one statement, atomic on its own:
 * `WITH written AS (write), published AS (INSERT INTO domain_events …) SELECT * FROM written`.
 * The events are written only when `write` writes a row (an insert that ON CONFLICT DO NOTHING
 * skipped, or an update that matched nothing, publishes nothing), once however many rows it
 * writes. The answer is `write`'s RETURNING rows.
 *
 * `write` is one INSERT, UPDATE or DELETE with a RETURNING clause and no WITH of its own, its
 * parameters numbered from $1. The events must be known before it runs: name a new row by an
 * id made by the application rather than by the database.
 */
export function withOutboxInsert(write: SqlStatement, ...events: DomainEvent[]): SqlStatement {
  if (events.length === 0) return write;
  const insert = outboxInsert(events, write.parameters.length + 1);
  return {
    sql: `WITH written AS (${write.sql}),
     published AS (${insert.sql} WHERE EXISTS (SELECT 1 FROM written))
     SELECT * FROM written`,
    parameters: [...write.parameters, ...insert.parameters],
  };
}

/**
 * Runs `write` with its events as one statement (withOutboxInsert) through `manager`, in its
 * transaction if it has one, and answers `write`'s RETURNING rows. The statement is prepared
 * by name (preparedQuery): `write.sql` must come from a bounded set of texts.
 */
export async function writeWithEvents<Row>(
  manager: EntityManager,
  write: SqlStatement,
  ...events: DomainEvent[]
): Promise<Row[]> {
  const statement = withOutboxInsert(write, ...events);
  const rows = await preparedQuery<Row>(manager, statement.sql, statement.parameters);
  if (rows.length > 0 && events.length > 0) wakeRelayAfterCommit(manager);
  return rows;
}

/** The events of one row of a batched write, published only if the write wrote that row. */
export interface RowEvents {
  /** The row's value of the write's key column, as text. */
  key: string;
  events: DomainEvent[];
  /** The request the row's caller works for (RequestContext.requestId() in its own context). */
  requestId: string | null;
}

/**
 * `write` (one statement over several callers' rows, as withOutboxInsert's) and the events of
 * each row it wrote, as one statement: a row's events are inserted only when `write` returned
 * that row (matched on `keyColumn`), each with its own caller's request id.
 */
export function withOutboxInsertPerRow(
  write: SqlStatement,
  keyColumn: string,
  rows: RowEvents[],
): SqlStatement {
  const events = rows.flatMap(({ key, events, requestId }) =>
    events.map(({ name, payload }) => ({ key, name, payload, request_id: requestId })),
  );
  if (events.length === 0) return write;
  return {
    sql: `WITH written AS (${write.sql}),
     published AS (INSERT INTO domain_events (name, payload, request_id)
       SELECT e.name, e.payload, e.request_id
         FROM jsonb_to_recordset($${write.parameters.length + 1}::jsonb)
           AS e(key text, name text, payload jsonb, request_id text)
         JOIN written ON written."${keyColumn}"::text = e.key)
     SELECT * FROM written`,
    parameters: [...write.parameters, JSON.stringify(events)],
  };
}

/** Runs withOutboxInsertPerRow through `manager` and answers `write`'s RETURNING rows. */
export async function writeWithEventsPerRow<Row>(
  manager: EntityManager,
  write: SqlStatement,
  keyColumn: string,
  rows: RowEvents[],
): Promise<Row[]> {
  const statement = withOutboxInsertPerRow(write, keyColumn, rows);
  const written: Row[] = await manager.query(statement.sql, statement.parameters);
  if (written.length > 0 && rows.some((row) => row.events.length > 0))
    wakeRelayAfterCommit(manager);
  return written;
}
