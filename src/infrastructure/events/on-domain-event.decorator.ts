import { SetMetadata } from '@nestjs/common';
import { DomainEventName, PublishedDomainEvent } from './domain-event-catalogue';

export const DOMAIN_EVENT_SUBSCRIBER = 'fitai:domainEventSubscriber';
export const DEDUPLICATES_BY_EVENT_ID = 'fitai:deduplicatesByEventId';

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

/**
 * On a subscriber method, or on a class for all its @OnDomainEvent methods: the effect is
 * written with the event's id as a unique key (an insert that ON CONFLICT DO NOTHING), so a
 * redelivery adds nothing by itself. Its deliveries then skip the "already delivered?" read
 * before running it: one statement less per delivery on the worker's hot path, while a
 * redelivery (a relay repeated after a crash or after Redis lost its data) still makes one
 * effect. Only for such subscribers: any other one is run at most once per recorded delivery.
 */
export function DeduplicatesByEventId(): ClassDecorator & MethodDecorator {
  return SetMetadata(DEDUPLICATES_BY_EVENT_ID, true);
}
