import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DomainEvent } from '../../src/infrastructure/events/domain-event-catalogue';
import { QueueName } from '../../src/infrastructure/queues/job-registry';
import { jobsSettled } from './queues';
import { eventually } from './test-app';

/** The domain events published in this test's database for one user, oldest first. */
export async function publishedEventsOf(db: DataSource, userId: string): Promise<DomainEvent[]> {
  return db.query(
    `SELECT name, payload FROM domain_events WHERE payload->>'userId' = $1 ORDER BY id`,
    [userId],
  );
}

/**
 * Resolves once every domain event in this test's database has been relayed and every
 * delivery job has finished (in whichever worker), so a test can assert on subscribers'
 * effects — or on their absence — without guessing how fast the worker is.
 */
export async function domainEventsSettled(
  app: INestApplicationContext,
  timeoutMs = 15_000,
): Promise<void> {
  const db = app.get(DataSource);
  await eventually(async () => {
    const [{ pending }] = await db.query(
      'SELECT count(*)::int AS pending FROM domain_events WHERE dispatched_at IS NULL',
    );
    return pending === 0 ? true : undefined;
  }, timeoutMs);
  await jobsSettled(app, QueueName.DomainEvents, timeoutMs);
}
