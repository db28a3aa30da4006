import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { DomainEventName, PublishedDomainEvent } from './domain-event-catalogue';
import { DOMAIN_EVENT_SUBSCRIBER } from './on-domain-event.decorator';

export interface DomainEventSubscriber {
  /** `Class.method`: the stable name jobs carry. */
  name: string;
  events: DomainEventName[];
  handle(event: PublishedDomainEvent): Promise<unknown>;
}

/** Throws unless subscriber names are unique (a job must reach exactly one method). */
export function assertSubscribersAreUnique(subscribers: Pick<DomainEventSubscriber, 'name'>[]) {
  const names = subscribers.map((s) => s.name);
  const duplicated = [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
  if (duplicated.length) {
    throw new Error(
      `Worker cannot start: more than one domain event subscriber named ${duplicated.join(', ')}`,
    );
  }
}

/**
 * The @OnDomainEvent methods of every provider, found once at start-up (worker only): the
 * relay asks which subscribers an event has, and the delivery job finds its method by name.
 */
@Injectable()
export class DomainEventSubscribers implements OnModuleInit {
  private byName = new Map<string, DomainEventSubscriber>();
  /** Event name → its subscribers' names, sorted: for every event that has any. */
  private namesByEvent: Record<string, string[]> = {};

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const found = this.discover();
    assertSubscribersAreUnique(found);
    this.byName = new Map(found.map((subscriber) => [subscriber.name, subscriber]));
    const names: Record<string, string[]> = {};
    for (const subscriber of found) {
      for (const event of subscriber.events) (names[event] ??= []).push(subscriber.name);
    }
    for (const list of Object.values(names)) list.sort();
    this.namesByEvent = names;
  }

  /** The names of the subscribers of an event, in a stable order. */
  subscribersOf(event: DomainEventName): string[] {
    return this.namesByEvent[event] ?? [];
  }

  /** Event name → its subscribers' names, for every event that has any. */
  byEvent(): Record<string, string[]> {
    return this.namesByEvent;
  }

  find(name: string): DomainEventSubscriber | undefined {
    return this.byName.get(name);
  }

  all(): DomainEventSubscriber[] {
    return [...this.byName.values()];
  }

  private discover(): DomainEventSubscriber[] {
    return this.discovery.getProviders().flatMap(({ instance }) => {
      if (!instance || typeof instance !== 'object') return [];
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      return this.scanner.getAllMethodNames(prototype).flatMap((method) => {
        const handler = prototype[method] as (event: PublishedDomainEvent) => Promise<unknown>;
        const events = this.reflector.get<DomainEventName[] | undefined>(
          DOMAIN_EVENT_SUBSCRIBER,
          handler,
        );
        if (!events) return [];
        return [
          {
            name: `${instance.constructor.name}.${method}`,
            events,
            handle: (published: PublishedDomainEvent) => handler.call(instance, published),
          },
        ];
      });
    });
  }
}
