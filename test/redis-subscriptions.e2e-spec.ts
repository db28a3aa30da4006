import Redis from 'ioredis';
import { realtimeRedisClient } from '../src/infrastructure/realtime/realtime-channels';
import {
  createRedisClient,
  retrySubscriptionsWhenReady,
} from '../src/infrastructure/redis/redis.module';
import { TcpProxy } from './support/tcp-proxy';
import { eventually, testConfig } from './support/test-app';

/**
 * Subscriber connections (socket.io's, the session revocations') against a real Redis behind a
 * proxy the test cuts: a publish or a subscription refused while Redis is unreachable is no
 * unhandled rejection (which would end the process), and the subscription is made once Redis
 * answers again.
 */
describe('Redis subscriptions while Redis is away (e2e)', () => {
  const channelName = (what: string) => `fitai-test:${what}:${process.pid}:${Date.now()}`;

  it('subscribes once Redis is back, and a publish meanwhile is only a lost event', async () => {
    const proxy = new TcpProxy('127.0.0.1', 6379);
    const port = await proxy.start();
    const config = testConfig({ REDIS_URL: `redis://127.0.0.1:${port}` });
    const sub = realtimeRedisClient(config, 'test-sub');
    const pub = realtimeRedisClient(config, 'test-pub');
    const direct = new Redis('redis://127.0.0.1:6379');
    const channel = channelName('realtime');
    const received: string[] = [];
    sub.on('message', (_channel: string, message: string) => received.push(message));
    try {
      await sub.ping();
      await proxy.cut();
      // Both refused (after ioredis's retries), neither rejects.
      await expect(pub.publish(channel, 'lost')).resolves.toBe(0);
      await expect(sub.subscribe(channel)).resolves.toBe(0);

      await proxy.start();
      await eventually(async () => {
        await direct.publish(channel, 'after');
        return received.includes('after') ? true : undefined;
      }, 20_000);
      expect(received).not.toContain('lost');
    } finally {
      sub.disconnect();
      pub.disconnect();
      direct.disconnect();
      await proxy.cut();
    }
  }, 60_000);

  it('a re-subscription still unanswered when the client closes is no unhandled rejection', async () => {
    const proxy = new TcpProxy('127.0.0.1', 6379);
    const port = await proxy.start();
    const config = testConfig({ REDIS_URL: `redis://127.0.0.1:${port}` });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const sub = createRedisClient(config, 'test-closing');
    sub.on('error', () => undefined);
    const failures: unknown[] = [];
    retrySubscriptionsWhenReady(sub, (error) => failures.push(error));
    try {
      await sub.subscribe(channelName('closing'));
      // Reconnected, ioredis subscribes again by itself; that request never reaches Redis.
      const resubscribing = proxy.holdFrom(/subscribe/i);
      await proxy.cut();
      await proxy.start();
      await resubscribing;
      // Shutdown while it is in flight: QUIT waits behind it, then the connection drops.
      const quitting = sub.quit().catch((error: Error) => error.message);
      await proxy.cut();
      await expect(quitting).resolves.toBe('Connection is closed.');
      await new Promise((resolve) => setTimeout(resolve, 50));

      expect(unhandled).toEqual([]);
      expect(failures).toEqual([]); // closed for good: nothing to report or redo
    } finally {
      process.off('unhandledRejection', onUnhandled);
      sub.disconnect();
      await proxy.cut();
    }
  }, 60_000);
});
