import { EntityManager } from 'typeorm';
import { RequestContext } from '../../common/http/request-context';
import { DomainEvent } from './domain-event-catalogue';

/**
 * Publishes domain events through the transactional outbox: one `domain_events` row each, in
 * the caller's transaction, so the fact and its events commit or roll back together. Nothing
 * touches Redis here: the worker relays committed rows to the subscribers (OutboxRelay), and a
 * subscriber's failure can never reach the request that published. A statement trigger wakes
 * the relay (NOTIFY, delivered at commit).
 */
export async function publishDomainEvents(
  manager: EntityManager,
  ...events: DomainEvent[]
): Promise<void> {
  if (events.length === 0) return;
  if (!manager.queryRunner?.isTransactionActive) {
    // Outside a transaction the event could commit without its fact, or the fact without it.
    throw new Error('publishDomainEvents needs the manager of an open transaction');
  }
  await manager.query(
    `INSERT INTO domain_events (name, payload, request_id)
     SELECT e.name, e.payload, $2 FROM jsonb_to_recordset($1::jsonb) AS e(name text, payload jsonb)`,
    [JSON.stringify(events), RequestContext.requestId() ?? null],
  );
}
