import { Test, TestingModule } from '@nestjs/testing';
import Redis from 'ioredis';
import { Socket } from 'node:net';
import { CoreModule } from '../src/core.module';
import { JobQueue } from '../src/infrastructure/queues/job-queue.service';
import { QueueName } from '../src/infrastructure/queues/job-registry';
import { createRedisClient } from '../src/infrastructure/redis/redis.module';
import { testConfig } from './support/test-app';

/** Counts the socket writes of a connected ioredis client from now on. */
function countWrites(client: Redis): () => number {
  const stream = (client as unknown as { stream: Socket }).stream;
  const write = jest.spyOn(stream, 'write');
  return () => write.mock.calls.length;
}

/**
 * ioredis auto-pipelining on FitAI's connections (AUTO_PIPELINING): commands issued in the same
 * event-loop turn leave in one socket write, on our clients and on Bull's; subscriber
 * connections are never pipelined.
 */
describe('Redis auto-pipelining (e2e)', () => {
  it('sends the commands of one turn, a Lua script among them, in one socket write', async () => {
    const client = createRedisClient(testConfig(), 'test-pipelining');
    client.defineCommand('testIncrBy', {
      numberOfKeys: 1,
      lua: "return redis.call('INCRBY', KEYS[1], ARGV[1])",
    });
    const key = `pipelining:${process.pid}:${Date.now()}`;
    try {
      await client.ping();
      const writes = countWrites(client);
      const results = await Promise.all([
        client.set(key, '1', 'EX', 60),
        (client as Redis & { testIncrBy(key: string, by: number): Promise<number> }).testIncrBy(
          key,
          41,
        ),
        client.get(key),
        ...Array.from({ length: 8 }, () => client.pttl(key)),
      ]);
      expect(results.slice(0, 3)).toEqual(['OK', 42, '42']);
      // The script went as EVAL (first use on this connection), inside the same pipeline.
      expect(writes()).toBe(1);
    } finally {
      await client.quit();
    }
  });

  it("pipelines Bull's commands: jobs added in one turn are one write", async () => {
    const moduleRef: TestingModule = await Test.createTestingModule({
      imports: [CoreModule.forRoot(testConfig(), 'api')],
    }).compile();
    await moduleRef.init();
    try {
      const queue = moduleRef.get(JobQueue).queue(QueueName.Maintenance);
      await queue.isReady();
      await queue.getJobCounts(); // the add script is defined, the connection warm
      const writes = countWrites(queue.client as unknown as Redis);
      await Promise.all(
        Array.from({ length: 5 }, (_, i) => queue.add('pipelining-test', { i }, { delay: 60_000 })),
      );
      expect(writes()).toBe(1);
      await queue.empty();
      await queue.clean(0, 'delayed');
    } finally {
      await moduleRef.close();
    }
  });

  it('never pipelines a subscriber: an unsubscribe left in flight at shutdown is no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const sub = createRedisClient(testConfig(), 'test-pipelining-sub');
    try {
      await sub.psubscribe(`pipelining:${process.pid}:*`);
      await sub.subscribe(`pipelining:${process.pid}`);
      // As socket.io's adapter closes: unsubscribes it does not wait for, then QUIT. Pipelined,
      // the unsubscribes would wait for the next turn, behind the QUIT, and fail unhandled.
      void sub.punsubscribe(`pipelining:${process.pid}:*`);
      void sub.unsubscribe(`pipelining:${process.pid}`);
      await sub.quit();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      sub.disconnect();
    }
  });
});
