import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DomainEventSubscribers } from './domain-event-subscribers';
import { DomainEventsProcessor } from './domain-events.processor';
import { OutboxRelay } from './outbox-relay';
import { OutboxRepository } from './outbox.repository';

/**
 * The worker's half of domain events: the subscriber registry (with its start-up check), the
 * outbox relay, and the delivery processor. The API only publishes (publishDomainEvents).
 */
@Module({
  imports: [DiscoveryModule],
  providers: [OutboxRepository, DomainEventSubscribers, OutboxRelay, DomainEventsProcessor],
  exports: [DomainEventSubscribers, OutboxRelay],
})
export class DomainEventsWorkerModule {}
