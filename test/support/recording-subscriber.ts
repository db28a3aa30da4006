import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PublishedDomainEvent } from '../../src/infrastructure/events/domain-event-catalogue';
import { OnDomainEvent } from '../../src/infrastructure/events/on-domain-event.decorator';
import { OUTBOX_CHANNEL } from '../../src/infrastructure/events/outbox-wake-up';

/**
 * The event the backlog tests publish by the thousand: one that no product subscriber handles,
 * so the tests measure the relay and this subscriber only (`goal.achieved` gained the feed's
 * subscriber, `goal.milestone-reached` the notifications'). domain-events.e2e-spec checks that
 * it still has no product subscriber; when one appears, pick another.
 */
export const RECORDED_EVENT = 'content.moderated' as const;

/**
 * A test-only subscriber to RECORDED_EVENT with
 * an idempotent, countable effect: one row per event, and a count of how often it ran. With
 * RECORDING_DELAY_MS set (a child worker's environment) it waits that long before the effect.
 * The table lives in the test file's own database.
 */
@Injectable()
export class RecordingSubscriber {
  static readonly table = 'test_event_effects';

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Creates the effects table if needed, and empties it: each test counts its own effects. */
  static async resetTable(db: DataSource): Promise<void> {
    await db.query(
      `CREATE TABLE IF NOT EXISTS ${RecordingSubscriber.table} (
         event_id bigint PRIMARY KEY, deliveries int NOT NULL DEFAULT 1,
         pid int NOT NULL, handled_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    );
    await db.query(`TRUNCATE ${RecordingSubscriber.table}`);
  }

  @OnDomainEvent(RECORDED_EVENT)
  async record(event: PublishedDomainEvent<typeof RECORDED_EVENT>): Promise<void> {
    // A slow subscriber, for tests that kill a worker in the middle of a job.
    const delayMs = Number(process.env.RECORDING_DELAY_MS ?? 0);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    await this.db.query(
      `INSERT INTO ${RecordingSubscriber.table} (event_id, pid) VALUES ($1, $2)
       ON CONFLICT (event_id) DO UPDATE SET deliveries = ${RecordingSubscriber.table}.deliveries + 1`,
      [event.id, process.pid],
    );
  }
}

/** Effects recorded so far: events handled, and deliveries in all. */
export async function recordedEffects(
  db: DataSource,
): Promise<{ events: number; deliveries: number; maxDeliveries: number }> {
  const [row] = await db.query(
    `SELECT count(*)::int AS events, coalesce(sum(deliveries), 0)::int AS deliveries,
            coalesce(max(deliveries), 0)::int AS "maxDeliveries"
       FROM ${RecordingSubscriber.table}`,
  );
  return row;
}

/**
 * Publishes `count` RECORDED_EVENT events straight into the outbox (a backlog to relay), and
 * wakes the relay after the commit as a publisher does.
 */
export async function publishBacklog(db: DataSource, count: number): Promise<void> {
  await db.query(
    `INSERT INTO domain_events (name, payload)
     SELECT $2,
            jsonb_build_object('userId', gen_random_uuid(), 'action', 'warn', 'targetType', 'user',
                               'targetId', gen_random_uuid(), 'logId', gen_random_uuid())
       FROM generate_series(1, $1)`,
    [count, RECORDED_EVENT],
  );
  await db.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
}
