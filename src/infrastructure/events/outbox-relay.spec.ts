import Redis from 'ioredis';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { JobQueue } from '../queues/job-queue.service';
import { JobName } from '../queues/job-registry';
import { PublishedDomainEvent } from './domain-event-catalogue';
import { DomainEventSubscribers } from './domain-event-subscribers';
import { OutboxRelay } from './outbox-relay';
import { OutboxRepository, OutboxRow } from './outbox.repository';

const completed: PublishedDomainEvent = {
  id: '7',
  name: 'workout.completed',
  payload: {
    userId: 'u',
    workoutId: 'w',
    sessionAt: '2026-12-01T09:00:00.000Z',
    completedAt: '2026-12-01T10:00:00.000Z',
  },
  occurredAt: '2026-12-01T10:00:00.000Z',
};
const achieved: PublishedDomainEvent = {
  id: '8',
  name: 'goal.achieved',
  payload: { userId: 'u', goalId: 'g' },
  occurredAt: '2026-12-01T10:00:00.000Z',
};

function relayWith(rows: OutboxRow[], enqueue: jest.Mock) {
  const manager = {} as EntityManager;
  const outbox = {
    transaction: jest.fn((work: (m: EntityManager) => Promise<unknown>) => work(manager)),
    claim: jest.fn().mockResolvedValue(rows),
    markDispatched: jest.fn(),
    postpone: jest.fn(),
  };
  const subscribers = {
    subscribersOf: (name: string) =>
      name === 'workout.completed' ? ['GoalsSubscribers.recompute', 'Other.react'] : [],
  };
  const config = {
    queue: { backoffMs: 100 },
    outbox: { batchSize: 50, retryMaxMs: 5_000, pollMs: 1_000 },
  } as AppConfig;
  const relay = new OutboxRelay(
    outbox as unknown as OutboxRepository,
    subscribers as unknown as DomainEventSubscribers,
    { enqueueMany: enqueue } as unknown as JobQueue,
    config,
    {} as Redis,
    new MetricsService('worker'),
  );
  return { relay, outbox, manager };
}

describe('OutboxRelay.relayBatch', () => {
  it('queues one job per subscriber with a deterministic id, then marks the rows relayed', async () => {
    const enqueue = jest.fn().mockResolvedValue(undefined);
    const { relay, outbox, manager } = relayWith(
      [
        { event: completed, requestId: 'req-1' },
        { event: achieved, requestId: null },
      ],
      enqueue,
    );

    await expect(relay.relayBatch()).resolves.toBe(2);

    expect(outbox.claim).toHaveBeenCalledWith(manager, 50);
    expect(enqueue).toHaveBeenCalledWith(JobName.DeliverDomainEvent, [
      {
        payload: { subscriber: 'GoalsSubscribers.recompute', event: completed },
        jobId: 'event:7:GoalsSubscribers.recompute',
        requestId: 'req-1',
      },
      {
        payload: { subscriber: 'Other.react', event: completed },
        jobId: 'event:7:Other.react',
        requestId: 'req-1',
      },
    ]);
    // An event nobody subscribes to is relayed too: there is nothing to deliver.
    expect(outbox.markDispatched).toHaveBeenCalledWith(manager, ['7', '8']);
    expect(outbox.postpone).not.toHaveBeenCalled();
  });

  it('postpones the whole batch with backoff when Redis refuses, marking nothing', async () => {
    const enqueue = jest.fn().mockRejectedValue(new Error('Connection is closed.'));
    const { relay, outbox, manager } = relayWith([{ event: completed, requestId: null }], enqueue);

    await expect(relay.relayBatch()).resolves.toBe(0);

    expect(outbox.postpone).toHaveBeenCalledWith(manager, ['7'], 'Connection is closed.', {
      baseMs: 100,
      maxMs: 5_000,
    });
    expect(outbox.markDispatched).not.toHaveBeenCalled();
  });

  it('does nothing when no event is due', async () => {
    const enqueue = jest.fn();
    const { relay, outbox } = relayWith([], enqueue);
    await expect(relay.relayBatch()).resolves.toBe(0);
    expect(enqueue).not.toHaveBeenCalled();
    expect(outbox.markDispatched).not.toHaveBeenCalled();
  });
});

describe('OutboxRelay.recoverFromRedisDataLoss', () => {
  function relayWithRedis(exists: number) {
    const outbox = { redispatchUndelivered: jest.fn().mockResolvedValue(3) };
    const redis = { exists: jest.fn().mockResolvedValue(exists), set: jest.fn() };
    const relay = new OutboxRelay(
      outbox as unknown as OutboxRepository,
      { byEvent: () => ({ 'workout.completed': ['GoalsSubscribers.recompute'] }) } as never,
      {} as JobQueue,
      { outbox: { retentionHours: 168 } } as AppConfig,
      redis as unknown as Redis,
      new MetricsService('worker'),
    );
    return { relay, outbox, redis };
  }

  it('does nothing while Redis still holds its marker', async () => {
    const { relay, outbox, redis } = relayWithRedis(1);
    await expect(relay.recoverFromRedisDataLoss()).resolves.toBe(0);
    expect(outbox.redispatchUndelivered).not.toHaveBeenCalled();
    expect(redis.set).not.toHaveBeenCalled();
  });

  it('sends undelivered events back to the relay when the marker is gone, then sets it', async () => {
    const { relay, outbox, redis } = relayWithRedis(0);
    await expect(relay.recoverFromRedisDataLoss()).resolves.toBe(3);
    expect(outbox.redispatchUndelivered).toHaveBeenCalledWith(
      { 'workout.completed': ['GoalsSubscribers.recompute'] },
      168,
    );
    expect(redis.set).toHaveBeenCalledWith('outbox:redis-memory', expect.any(String));
  });
});
