import type { Job } from 'bull';
import { Histogram } from 'prom-client';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { JobHandler } from '../queues/job-handler.decorator';
import { JobData, JobName, QueueName } from '../queues/job-registry';
import { PermanentJobError } from '../queues/permanent-job-error';
import { ProcessesQueue, QueueProcessor } from '../queues/queue-processor';
import { DomainEventSubscribers } from './domain-event-subscribers';
import { OutboxRepository } from './outbox.repository';

/** Worker only: hands each relayed event to its subscriber, and prunes the outbox. */
@ProcessesQueue(QueueName.DomainEvents)
export class DomainEventsProcessor extends QueueProcessor {
  private readonly lag: Histogram<'event'>;

  constructor(
    private readonly subscribers: DomainEventSubscribers,
    private readonly outbox: OutboxRepository,
    private readonly config: AppConfig,
    metrics: MetricsService,
  ) {
    super();
    this.lag = new Histogram({
      name: 'fitai_domain_event_delivery_lag_seconds',
      help: 'From the publishing commit to the end of a subscriber’s successful run, by event',
      labelNames: ['event'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [metrics.registry],
    });
  }

  /**
   * Runs the subscriber unless it already handled the event (a relay repeated after a crash or
   * after Redis lost its data), then records that it did.
   */
  @JobHandler(JobName.DeliverDomainEvent)
  async deliver(job: Job<JobData<JobName.DeliverDomainEvent>>): Promise<'delivered' | 'skipped'> {
    const { subscriber: name, event } = job.data;
    const subscriber = this.subscribers.find(name);
    if (!subscriber || !subscriber.events.includes(event.name)) {
      // Renamed or removed since the job was queued: retrying cannot help.
      throw new PermanentJobError(`no subscriber ${name} for ${event.name}`);
    }
    if (await this.outbox.isDelivered(event.id, name)) return 'skipped';
    await subscriber.handle(event);
    await this.outbox.recordDelivery(event.id, name);
    this.lag.observe({ event: event.name }, (Date.now() - Date.parse(event.occurredAt)) / 1000);
    return 'delivered';
  }

  @JobHandler(JobName.PruneDomainEvents)
  prune(_job: Job<JobData<JobName.PruneDomainEvents>>): Promise<number> {
    return this.outbox.prune(this.config.outbox.retentionHours);
  }
}
