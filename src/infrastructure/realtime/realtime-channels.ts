import Redis from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { createRedisClient, retrySubscriptionsWhenReady } from '../redis/redis.module';

/**
 * Names shared by the API's socket.io server (its Redis adapter) and every emitter (the API
 * and the worker): the Redis channel prefix, and the rooms sockets join.
 */
export const RealtimeChannels = {
  /** The Redis key prefix of socket.io's channels: one deployment (or test) per QUEUE_PREFIX. */
  redisKey(config: AppConfig): string {
    return `${config.queue.prefix}:socket.io`;
  },
  /** Every socket of one user (all their devices). */
  userRoom(userId: string): string {
    return `user:${userId}`;
  },
  /** Every socket opened with an access token of one login session. */
  sessionRoom(sessionId: string): string {
    return `session:${sessionId}`;
  },
};

/**
 * A Redis connection for socket.io (the adapter's and the emitter's): channel names unprefixed
 * (socket.io namespaces them with redisKey), errors swallowed. socket.io publishes without
 * handling the answer, so while Redis is down a failed PUBLISH would be an unhandled rejection;
 * here it is a lost event, which clients make up for over REST.
 */
export function realtimeRedisClient(config: AppConfig, name: string): Redis {
  const client = createRedisClient(config, name, config.redis.url, { prefixKeys: false });
  client.on('error', () => undefined); // reconnects by itself
  const publish = client.publish.bind(client) as (
    channel: string,
    message: string | Buffer,
  ) => Promise<number>;
  (client as { publish: unknown }).publish = (channel: string, message: string | Buffer) =>
    publish(channel, message).catch(() => 0);
  // The adapter subscribes once, at start, without handling the answer either.
  retrySubscriptionsWhenReady(client);
  return client;
}
