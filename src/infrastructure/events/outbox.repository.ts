import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MicroBatcher } from '../../common/async/micro-batcher';
import { deleteInBatches } from '../../common/database/delete-in-batches';
import { DomainEventName, PublishedDomainEvent } from './domain-event-catalogue';

/** An outbox row claimed by the relay. */
export interface OutboxRow {
  event: PublishedDomainEvent;
  requestId: string | null;
}

/** The relay's view of the outbox backlog, for metrics and health. */
export interface OutboxBacklog {
  pending: number;
  oldestPendingSeconds: number;
}

interface Delivery {
  eventId: string;
  subscriber: string;
}

/** The most delivery checks or records per statement (JOB_CONCURRENCY jobs run at once). */
const DELIVERY_BATCH = 64;

/** The queries over `domain_events`; writes go through publishDomainEvents. */
@Injectable()
export class OutboxRepository {
  private readonly deliveredChecks = new MicroBatcher<Delivery, boolean>({
    run: (deliveries) => this.deliveredAmong(deliveries),
    maxBatch: DELIVERY_BATCH,
  });
  private readonly deliveryRecords = new MicroBatcher<Delivery, void>({
    run: (deliveries) => this.recordDeliveries(deliveries),
    maxBatch: DELIVERY_BATCH,
  });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Up to `limit` undispatched rows due for an attempt, oldest first, locked until the
   * transaction ends; rows another relay holds are skipped, not waited for
   * (IDX_domain_events_pending).
   */
  async claim(manager: EntityManager, limit: number): Promise<OutboxRow[]> {
    const rows: {
      id: string;
      name: DomainEventName;
      payload: PublishedDomainEvent['payload'];
      requestId: string | null;
      occurredAt: Date;
    }[] = await manager.query(
      `SELECT id::text, name, payload, request_id AS "requestId", occurred_at AS "occurredAt"
         FROM domain_events
        WHERE dispatched_at IS NULL AND next_attempt_at <= now()
        ORDER BY id
        LIMIT $1
          FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((row) => ({
      event: {
        id: row.id,
        name: row.name,
        payload: row.payload,
        occurredAt: row.occurredAt.toISOString(),
      } as PublishedDomainEvent,
      requestId: row.requestId,
    }));
  }

  async markDispatched(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(
      `UPDATE domain_events SET dispatched_at = now(), last_error = NULL
        WHERE id = ANY($1::bigint[])`,
      [ids],
    );
  }

  /** Counts a failed attempt and sets the next one after an exponential, capped backoff. */
  async postpone(
    manager: EntityManager,
    ids: string[],
    error: string,
    backoff: { baseMs: number; maxMs: number },
  ): Promise<void> {
    await manager.query(
      `UPDATE domain_events
          SET relay_attempts = relay_attempts + 1,
              last_error = left($2, 1000),
              next_attempt_at = now() + make_interval(
                secs => least($4::float8, $3::float8 * power(2, least(relay_attempts, 30))) / 1000)
        WHERE id = ANY($1::bigint[])`,
      [ids, error, backoff.baseMs, backoff.maxMs],
    );
  }

  /**
   * Whether this subscriber already handled this event (PK_domain_event_deliveries). The
   * checks of deliveries running at once go as one statement.
   */
  isDelivered(eventId: string, subscriber: string): Promise<boolean> {
    return this.deliveredChecks.load({ eventId, subscriber });
  }

  /** Records that the subscriber handled the event; those made at once as one INSERT. */
  recordDelivery(eventId: string, subscriber: string): Promise<void> {
    return this.deliveryRecords.load({ eventId, subscriber });
  }

  private async deliveredAmong(deliveries: Delivery[]): Promise<boolean[]> {
    const rows: { key: string }[] = await this.dataSource.query(
      `SELECT d.event_id::text || ' ' || d.subscriber AS key
         FROM domain_event_deliveries d
         JOIN unnest($1::bigint[], $2::text[]) AS asked(event_id, subscriber)
           ON d.event_id = asked.event_id AND d.subscriber = asked.subscriber`,
      [deliveries.map((d) => d.eventId), deliveries.map((d) => d.subscriber)],
    );
    const delivered = new Set(rows.map((row) => row.key));
    return deliveries.map((d) => delivered.has(`${d.eventId} ${d.subscriber}`));
  }

  private async recordDeliveries(deliveries: Delivery[]): Promise<void[]> {
    await this.dataSource.query(
      `INSERT INTO domain_event_deliveries (event_id, subscriber)
       SELECT * FROM unnest($1::bigint[], $2::text[])
       ON CONFLICT DO NOTHING`,
      [deliveries.map((d) => d.eventId), deliveries.map((d) => d.subscriber)],
    );
    return deliveries.map(() => undefined);
  }

  /**
   * After Redis lost its data: relayed events within the retention that some subscriber has
   * not handled go back to the relay (their jobs may have been lost). Returns how many.
   */
  async redispatchUndelivered(
    subscribersOf: Record<string, string[]>,
    retentionHours: number,
  ): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `UPDATE domain_events e
          SET dispatched_at = NULL, next_attempt_at = now()
        WHERE e.dispatched_at > now() - make_interval(hours => $2)
          AND EXISTS (
            SELECT 1 FROM jsonb_array_elements_text($1::jsonb -> e.name) AS s(subscriber)
             WHERE NOT EXISTS (SELECT 1 FROM domain_event_deliveries d
                                WHERE d.event_id = e.id AND d.subscriber = s.subscriber))`,
      [JSON.stringify(subscribersOf), retentionHours],
    )) as [unknown, number];
    return count;
  }

  /** Deletes relayed rows older than the retention, a batch at a time (IDX_domain_events_dispatched_at). */
  prune(retentionHours: number, batch = 5_000): Promise<number> {
    return deleteInBatches(
      this.dataSource,
      'domain_events',
      'dispatched_at < now() - make_interval(hours => $1)',
      [retentionHours],
      batch,
    );
  }

  async backlog(): Promise<OutboxBacklog> {
    const [row]: { pending: number; oldest: number | null }[] = await this.dataSource.query(
      `SELECT count(*)::int AS pending,
              extract(epoch FROM now() - min(occurred_at))::float8 AS oldest
         FROM domain_events WHERE dispatched_at IS NULL`,
    );
    return { pending: row.pending, oldestPendingSeconds: row.oldest ?? 0 };
  }
}
