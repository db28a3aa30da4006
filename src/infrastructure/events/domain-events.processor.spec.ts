import type { Job } from 'bull';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { JobData, JobName } from '../queues/job-registry';
import { PublishedDomainEvent } from './domain-event-catalogue';
import { DomainEventSubscriber, DomainEventSubscribers } from './domain-event-subscribers';
import { DomainEventsProcessor } from './domain-events.processor';
import { OutboxRepository } from './outbox.repository';

const event: PublishedDomainEvent = {
  id: '42',
  name: 'summary.completed',
  payload: { userId: 'u', summaryId: 's' },
  occurredAt: '2026-12-01T10:00:00.000Z',
};

function processorWith(deduplicates: boolean, alreadyDelivered: boolean) {
  const subscriber: DomainEventSubscriber = {
    name: 'Some.subscriber',
    events: ['summary.completed'],
    deduplicates,
    handle: jest.fn().mockResolvedValue(undefined),
  };
  const outbox = {
    isDelivered: jest.fn().mockResolvedValue(alreadyDelivered),
    recordDelivery: jest.fn().mockResolvedValue(undefined),
  };
  const processor = new DomainEventsProcessor(
    { find: () => subscriber } as unknown as DomainEventSubscribers,
    outbox as unknown as OutboxRepository,
    {} as AppConfig,
    new MetricsService('worker'),
  );
  const job = {
    data: { subscriber: subscriber.name, event, requestId: 'r' },
  } as Job<JobData<JobName.DeliverDomainEvent>>;
  return { processor, subscriber, outbox, job };
}

describe('DomainEventsProcessor.deliver', () => {
  it('skips a delivery already recorded for a subscriber that does not deduplicate by itself', async () => {
    const { processor, subscriber, outbox, job } = processorWith(false, true);
    await expect(processor.deliver(job)).resolves.toBe('skipped');
    expect(outbox.isDelivered).toHaveBeenCalledWith('42', 'Some.subscriber');
    expect(subscriber.handle).not.toHaveBeenCalled();
    expect(outbox.recordDelivery).not.toHaveBeenCalled();
  });

  it('runs a @DeduplicatesByEventId subscriber without the "already delivered?" read, then records it', async () => {
    const { processor, subscriber, outbox, job } = processorWith(true, true);
    await expect(processor.deliver(job)).resolves.toBe('delivered');
    expect(outbox.isDelivered).not.toHaveBeenCalled();
    expect(subscriber.handle).toHaveBeenCalledWith(event);
    expect(outbox.recordDelivery).toHaveBeenCalledWith('42', 'Some.subscriber');
  });
});
