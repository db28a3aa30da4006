import Redis from 'ioredis';
import { realtimeRedisClient } from '../src/infrastructure/realtime/realtime-channels';
import { TcpProxy } from './support/tcp-proxy';
import { eventually, testConfig } from './support/test-app';

/**
 * socket.io's Redis connections: a publish or a subscription refused while Redis is unreachable
 * is no unhandled rejection, and the subscription is made once Redis answers again.
 */
describe("socket.io's Redis connections while Redis is away (e2e)", () => {
  it('subscribes once Redis is back, and a publish meanwhile is only a lost event', async () => {
    const proxy = new TcpProxy('127.0.0.1', 6379);
    const port = await proxy.start();
    const config = testConfig({ REDIS_URL: `redis://127.0.0.1:${port}` });
    const sub = realtimeRedisClient(config, 'test-sub');
    const pub = realtimeRedisClient(config, 'test-pub');
    const direct = new Redis('redis://127.0.0.1:6379');
    const channel = `fitai-test:realtime:${process.pid}:${Date.now()}`;
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
});
