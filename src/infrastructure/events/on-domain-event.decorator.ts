import { SetMetadata } from '@nestjs/common';
import { DomainEventName, PublishedDomainEvent } from './domain-event-catalogue';

export const DOMAIN_EVENT_SUBSCRIBER = 'fitai:domainEventSubscriber';

/**
 * Marks a provider method as a reaction to one or more domain events, in the module that owns
 * the reaction. The worker relays each published event into one job per subscriber, so the method
 * runs in the worker, at least once: it must be idempotent (read the current state by the ids
 * in the payload; write with unique keys or conditional updates). It receives the event with
 * its payload typed by the catalogue (a union for several events); a throw is retried with
 * backoff, then dead-lettered.
 *
 * The subscriber's name (`Class.method`) is part of queued jobs: renaming one leaves jobs
 * already queued for the old name to the dead-letter set.
 */
export function OnDomainEvent<N extends DomainEventName>(...events: [N, ...N[]]) {
  return <R>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<(event: PublishedDomainEvent<N>) => Promise<R>>,
  ): void => {
    SetMetadata(DOMAIN_EVENT_SUBSCRIBER, events)(target, key, descriptor);
  };
}
