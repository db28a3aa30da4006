import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { Client } from 'pg';
import { Counter, Gauge } from 'prom-client';
import { AppConfig } from '../../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { JobQueue } from '../queues/job-queue.service';
import { InjectRedis } from '../redis/redis.module';
import { JobName } from '../queues/job-registry';
import { DomainEventSubscribers } from './domain-event-subscribers';
import { OutboxBacklog, OutboxRepository, OutboxRow } from './outbox.repository';
import { OUTBOX_CHANNEL } from './outbox-wake-up';

const LISTEN_RETRY_MS = 1_000;
/**
 * Set in Redis by the relay; missing means Redis lost its data (a restart without persistence,
 * a failover) since the relay last looked, and with it any delivery job not yet run.
 */
const REDIS_MEMORY_KEY = 'outbox:redis-memory';

/** The deterministic id of one event's delivery to one subscriber. */
const deliveryJobId = (eventId: string, subscriber: string) => `event:${eventId}:${subscriber}`;

/**
 * Worker only: moves committed domain events from the outbox table to the subscribers' jobs.
 * Woken by the NOTIFY a publisher sends after its commit (outbox-wake-up.ts), with a bounded poll as the safety net (a missed notification,
 * a lost LISTEN connection, a postponed row). Each batch is claimed with FOR UPDATE SKIP LOCKED
 * inside a transaction that stays open until its jobs are in Redis and the rows are marked, so
 * replicas never relay one row at the same time, and a relay killed half way leaves its rows
 * to the next one (its jobs carry the same ids: Bull skips those still queued, and the
 * processor skips deliveries already recorded). When Redis
 * refuses, the rows are postponed with a capped exponential backoff and stay in PostgreSQL.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private listener?: Client;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private woken = false;
  private readonly relayed: Counter<'event'>;
  private readonly failures: Counter;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly subscribers: DomainEventSubscribers,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
    @InjectRedis() private readonly redis: Redis,
    metrics: MetricsService,
  ) {
    this.relayed = new Counter({
      name: 'fitai_domain_events_relayed_total',
      help: 'Domain events moved from the outbox to their subscribers’ jobs, by event',
      labelNames: ['event'] as const,
      registers: [metrics.registry],
    });
    this.failures = new Counter({
      name: 'fitai_domain_events_relay_failures_total',
      help: 'Relay batches postponed because the jobs could not be queued',
      registers: [metrics.registry],
    });
    // Both gauges are collected at once by a scrape: they share one query.
    let reading: Promise<OutboxBacklog | null> | undefined;
    const backlog = () =>
      (reading ??= this.outbox
        .backlog()
        .catch(() => null)
        .finally(() => (reading = undefined)));
    new Gauge({
      name: 'fitai_domain_events_pending',
      help: 'Domain events not yet relayed (read from PostgreSQL at scrape time)',
      registers: [metrics.registry],
      async collect() {
        this.set((await backlog())?.pending ?? Number.NaN);
      },
    });
    new Gauge({
      name: 'fitai_domain_events_oldest_pending_seconds',
      help: 'Age of the oldest domain event not yet relayed',
      registers: [metrics.registry],
      async collect() {
        this.set((await backlog())?.oldestPendingSeconds ?? Number.NaN);
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  /** Before the queues and PostgreSQL close: finish the batch in hand, stop listening. */
  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /**
   * Relays one batch; returns how many events were relayed (0 when none were due or Redis
   * refused them).
   */
  async relayBatch(): Promise<number> {
    return this.outbox.transaction(async (manager) => {
      const rows = await this.outbox.claim(manager, this.config.outbox.batchSize);
      if (rows.length === 0) return 0;
      const ids = rows.map((row) => row.event.id);
      try {
        await this.jobs.enqueueMany(JobName.DeliverDomainEvent, this.deliveries(rows));
      } catch (error) {
        const message = (error as Error).message || String(error);
        await this.outbox.postpone(manager, ids, message, {
          baseMs: this.config.queue.backoffMs,
          maxMs: this.config.outbox.retryMaxMs,
        });
        this.failures.inc();
        this.logger.warn({ err: error, events: ids.length }, 'domain events postponed');
        return 0;
      }
      await this.outbox.markDispatched(manager, ids);
      for (const row of rows) this.relayed.inc({ event: row.event.name });
      return rows.length;
    });
  }

  private deliveries(rows: OutboxRow[]) {
    return rows.flatMap(({ event, requestId }) =>
      this.subscribers.subscribersOf(event.name).map((subscriber) => ({
        payload: { subscriber, event },
        jobId: deliveryJobId(event.id, subscriber),
        requestId: requestId ?? `event-${event.id}`,
      })),
    );
  }

  /**
   * If Redis forgot everything, delivery jobs relayed but not yet run are gone: every relayed
   * event a subscriber has not handled goes back to the relay (deliveries already done are
   * skipped by the processor). Then the marker is set again. Returns how many went back.
   */
  async recoverFromRedisDataLoss(): Promise<number> {
    if ((await this.redis.exists(REDIS_MEMORY_KEY)) === 1) return 0;
    const redispatched = await this.outbox.redispatchUndelivered(
      this.subscribers.byEvent(),
      this.config.outbox.retentionHours,
    );
    await this.redis.set(REDIS_MEMORY_KEY, new Date().toISOString());
    if (redispatched > 0) {
      this.logger.warn(
        { events: redispatched },
        'Redis lost its data: undelivered events relayed again',
      );
    }
    return redispatched;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let relayed = 0;
      // Redis unreachable: nothing to recover from yet; the batch below is postponed.
      await this.recoverFromRedisDataLoss().catch(() => undefined);
      try {
        relayed = await this.relayBatch();
      } catch (error) {
        // PostgreSQL unavailable or the batch failed: try again after the poll interval.
        this.logger.warn({ err: error }, 'outbox relay batch failed');
      }
      if (relayed < this.config.outbox.batchSize) await this.sleep(this.config.outbox.pollMs);
    }
  }

  /** Waits for a notification, a stop, or the poll interval, whichever comes first. */
  private sleep(ms: number): Promise<void> {
    if (this.woken || !this.running) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private notified(): void {
    if (this.wake) this.wake();
    else this.woken = true;
  }

  /** LISTEN on a connection of its own (outside the pool); reconnects while running. */
  private async listen(): Promise<void> {
    const client = new Client({
      connectionString: this.config.database.url,
      application_name: 'fitai-outbox-listener',
      connectionTimeoutMillis: 5_000,
    });
    client.on('notification', () => this.notified());
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'outbox listener connection lost; polling meanwhile');
      void client.end().catch(() => undefined);
    });
    client.on('end', () => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.listenLater();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox listener could not connect; polling meanwhile');
      await client.end().catch(() => undefined);
      this.listenLater();
      return;
    }
    if (!this.running) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    // Rows committed before LISTEN took effect are picked up by this wake-up.
    this.notified();
  }

  private listenLater(): void {
    if (this.running) setTimeout(() => void this.listen(), LISTEN_RETRY_MS).unref();
  }
}
