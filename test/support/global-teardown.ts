import Redis from 'ioredis';
import { dropDatabase } from './database';
import { testEnv } from './test-env';

/** Drops the run's database and deletes every Redis key under the run's prefix. */
export default async function globalTeardown(): Promise<void> {
  const name = new URL(testEnv('databaseUrl')).pathname.slice(1);
  await dropDatabase(testEnv('adminUrl'), name);

  const redis = new Redis(testEnv('redisUrl'));
  try {
    const stream = redis.scanStream({ match: `${testEnv('redisPrefix')}*`, count: 500 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length) await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
}
