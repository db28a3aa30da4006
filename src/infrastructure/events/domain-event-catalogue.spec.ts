import {
  ALL_DOMAIN_EVENT_NAMES,
  domainEvent,
  PublishedDomainEvent,
} from './domain-event-catalogue';
import { OnDomainEvent } from './on-domain-event.decorator';

describe('the domain event catalogue', () => {
  it('lists every event name once', () => {
    expect(new Set(ALL_DOMAIN_EVENT_NAMES).size).toBe(ALL_DOMAIN_EVENT_NAMES.length);
    expect(ALL_DOMAIN_EVENT_NAMES).toContain('workout.completed');
  });

  it('types each payload by its name (checked by `npm run typecheck`)', () => {
    const dates = {
      sessionAt: '2026-11-17T18:00:00.000Z',
      completedAt: '2026-11-17T19:00:00.000Z',
    };
    const ok = domainEvent('workout.completed', { userId: 'u', workoutId: 'w', ...dates });
    expect(ok).toEqual({
      name: 'workout.completed',
      payload: { userId: 'u', workoutId: 'w', ...dates },
    });

    // @ts-expect-error a payload of another event does not compile
    domainEvent('workout.completed', { userId: 'u', bodyMetricId: 'b' });
    // @ts-expect-error a missing id does not compile
    domainEvent('goal.achieved', { userId: 'u' });
    // @ts-expect-error an unknown event does not compile
    domainEvent('workout.deleted', { userId: 'u' });
  });

  it('types a subscriber by the events it subscribes to (checked by `npm run typecheck`)', () => {
    class Subscribers {
      @OnDomainEvent('body-metric.logged', 'body-metric.deleted')
      async either({
        payload,
      }: PublishedDomainEvent<'body-metric.logged' | 'body-metric.deleted'>) {
        return payload.bodyMetricId;
      }

      // @ts-expect-error a subscriber's parameter must be the event it subscribes to
      @OnDomainEvent('workout.completed')
      async wrong(event: PublishedDomainEvent<'goal.achieved'>) {
        return event.payload.goalId;
      }
    }
    expect(Subscribers).toBeDefined();
  });
});
