import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis, { Command, RedisOptions } from 'ioredis';
import { AppConfig } from '../../config/app-config';

export const REDIS = Symbol('REDIS');
export const InjectRedis = () => Inject(REDIS);

/** Every key FitAI writes outside Bull lives under `<QUEUE_PREFIX>:app:`. */
export function appKeyPrefix(config: AppConfig): string {
  return `${config.queue.prefix}:app:`;
}

/**
 * ioredis auto-pipelining, for every FitAI connection (ours and Bull's): the commands issued in
 * one event-loop turn (16 concurrent jobs, concurrent requests) leave in one socket write, and
 * a socket write costs far more CPU than a command (issue 13: ~0.3 ms per write on the bench
 * VM). While a pipeline awaits its replies, newer commands gather in the next one: one pipeline
 * is in flight per connection. Sent on their own, never pipelined:
 * - blocking commands (Bull's BRPOPLPUSH on its `bclient`): a wait for a job would hold back
 *   every later command of the connection;
 * - the subscriber-mode commands, so subscriber connections are never pipelined. ioredis's own
 *   list misspells PUNSUBSCRIBE: pipelined, socket.io's adapter's unsubscribe at shutdown was
 *   deferred past the QUIT sent next and failed unhandled ("Connection is closed").
 * ioredis itself sends MULTI, INFO, CLIENT, SCRIPT, SELECT, QUIT on their own. Those overtake
 * pipelined commands of the same turn; nothing here relies on their order.
 */
export const AUTO_PIPELINING = {
  enableAutoPipelining: true,
  autoPipeliningIgnoredCommands: [
    ...Command.FLAGS.BLOCKING_COMMANDS,
    ...Command.FLAGS.VALID_IN_SUBSCRIBER_MODE,
  ],
} satisfies RedisOptions;

/** `url` overrides the configured one (`npm run dev` may have started a Redis of its own). */
export function createRedisClient(
  config: AppConfig,
  name: string,
  url = config.redis.url,
  options: { failFast?: boolean; prefixKeys?: boolean } = {},
): Redis {
  return new Redis(url, {
    // Off for clients whose commands name channels only (socket.io's adapter and emitter: they
    // namespace their channels themselves, and a sharded publish would take the prefix).
    keyPrefix: options.prefixKeys === false ? undefined : appKeyPrefix(config),
    connectionName: `fitai-${name}`,
    // Commands fail quickly while Redis is down instead of queueing forever.
    maxRetriesPerRequest: 2,
    // failFast: while disconnected a command fails at once rather than waiting for the next
    // reconnection; a connection that stopped answering fails it after commandTimeout (up to
    // twice that behind an auto-pipeline already in flight, see AUTO_PIPELINING). For
    // the request path (throttling, caches), where a Redis outage must not add seconds to
    // every request.
    enableOfflineQueue: !options.failFast,
    ...(options.failFast ? { commandTimeout: 1_000 } : {}),
    connectTimeout: 5_000,
    ...AUTO_PIPELINING,
  });
}

/**
 * Makes a subscriber client's subscriptions safe across outages and shutdown. ioredis
 * re-subscribes on every reconnection without handling the answer, so a connection closed
 * (cut, or quit at shutdown) before Redis answers is an unhandled rejection, which ends the
 * process; and a subscription refused while Redis is unreachable is never made again. Here every
 * (re-)subscription's failure is handled: reported to `onFailure`, then made again once the
 * connection is ready.
 */
export function retrySubscriptionsWhenReady(
  client: Redis,
  onFailure: (error: unknown) => void = () => undefined,
): void {
  for (const method of ['subscribe', 'psubscribe'] as const) {
    const original = (client[method] as (...args: unknown[]) => Promise<unknown>).bind(client);
    const subscribing = (...args: unknown[]): Promise<unknown> =>
      original(...args).catch((error: unknown) => {
        if (client.status === 'end') return 0; // closed for good (shutdown): nothing to redo
        onFailure(error);
        client.once('ready', () => void subscribing(...args));
        return 0;
      });
    (client as unknown as Record<string, unknown>)[method] = subscribing;
  }
}

/** Resolves when the client is ready, or after `timeoutMs` (Redis down at start: go on). */
function readyOrTimeout(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    client.once('ready', done);
  });
}

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The shared ioredis client for app keys (cache, throttling, revocation broadcasts). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      // Without an offline queue, commands sent before the connection is up would fail: the
      // application starts once it is (or after 5 s, if Redis is down; it reconnects later).
      useFactory: async (config: AppConfig) => {
        const client = createRedisClient(config, 'app', config.redis.url, { failFast: true });
        client.on('error', () => undefined); // reported by /health/ready and by each caller
        await readyOrTimeout(client, 5_000);
        return client;
      },
    },
    RedisLifecycle,
  ],
  exports: [REDIS],
})
export class RedisModule {}
