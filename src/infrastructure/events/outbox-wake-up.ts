import { Logger } from '@nestjs/common';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  EventSubscriber,
  TransactionCommitEvent,
} from 'typeorm';

/** The channel the relay listens on (OutboxRelay). */
export const OUTBOX_CHANNEL = 'fitai_domain_events';
/** Set on a transaction's query runner when it wrote events: wake the relay at its commit. */
const WROTE_EVENTS = 'fitai:wroteDomainEvents';
const WARN_EVERY_MS = 10_000;

interface WakeUpState {
  sending: boolean;
  again: boolean;
  lastWarning: number;
}

const states = new WeakMap<DataSource, WakeUpState>();
const logger = new Logger('DomainEvents');

/**
 * Sends one NOTIFY on a pooled connection, in a transaction of its own. A NOTIFY serialises
 * the commits of every transaction that sends one (PostgreSQL takes a database-wide lock until
 * the commit is flushed), so it is never sent from a writer's transaction; and while one is on
 * its way, later wake-ups collapse into one more. A lost one costs latency only: the relay
 * polls (OUTBOX_POLL_MS).
 */
function wakeRelay(dataSource: DataSource): void {
  let state = states.get(dataSource);
  if (!state) states.set(dataSource, (state = { sending: false, again: false, lastWarning: 0 }));
  if (state.sending) {
    state.again = true;
    return;
  }
  const sent = state;
  sent.sending = true;
  dataSource
    .query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL])
    .catch((error: unknown) => {
      if (Date.now() - sent.lastWarning < WARN_EVERY_MS) return;
      sent.lastWarning = Date.now();
      logger.warn({ err: error }, 'could not wake the outbox relay; it will poll');
    })
    .finally(() => {
      sent.sending = false;
      if (!sent.again) return;
      sent.again = false;
      wakeRelay(dataSource);
    });
}

/**
 * Called after events were written with `manager`: wakes the relay once they are committed,
 * at once for a statement outside a transaction, at the commit (OutboxCommitSubscriber) for
 * one inside.
 */
export function wakeRelayAfterCommit(manager: EntityManager): void {
  const runner = manager.queryRunner;
  if (runner?.isTransactionActive) runner.data[WROTE_EVENTS] = true;
  else wakeRelay(manager.connection);
}

/** Wakes the relay when a transaction that wrote events commits (not at a savepoint's release). */
@EventSubscriber()
export class OutboxCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit({ queryRunner, connection }: TransactionCommitEvent): void {
    if (queryRunner.isTransactionActive || !queryRunner.data[WROTE_EVENTS]) return;
    delete queryRunner.data[WROTE_EVENTS];
    wakeRelay(connection);
  }
}
