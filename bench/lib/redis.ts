import Redis from 'ioredis';

async function withRedis<T>(url: string, fn: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    return await fn(redis);
  } finally {
    redis.disconnect();
  }
}

/** Deletes every key of the run (Bull queues and app keys all live under `<prefix>:`). */
export function deleteKeys(url: string, prefix: string): Promise<number> {
  return withRedis(url, async (redis) => {
    let deleted = 0;
    const stream = redis.scanStream({ match: `${prefix}:*`, count: 1000 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length) deleted += await redis.unlink(...keys);
    }
    return deleted;
  });
}

export function redisVersion(url: string): Promise<string> {
  return withRedis(url, async (redis) => {
    const info = await redis.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  });
}

/** Jobs of a Bull queue not finished yet (waiting, paused, active, delayed). */
export function pendingJobs(url: string, prefix: string, queue: string): Promise<number> {
  return withRedis(url, async (redis) => {
    const base = `${prefix}:${queue}`;
    const [wait, paused, active, delayed] = await Promise.all([
      redis.llen(`${base}:wait`),
      redis.llen(`${base}:paused`),
      redis.llen(`${base}:active`),
      redis.zcard(`${base}:delayed`),
    ]);
    return wait + paused + active + delayed;
  });
}
