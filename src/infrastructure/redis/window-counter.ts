import Redis from 'ioredis';

/**
 * Counts one more event under `key` and returns the count so far; the key expires after
 * `ttlSeconds`, which bounds the window (quotas, per-address caps). Atomic (MULTI).
 */
export async function countInWindow(
  redis: Redis,
  key: string,
  ttlSeconds: number,
): Promise<number> {
  const [[error, count]] = (await redis.multi().incr(key).expire(key, ttlSeconds).exec()) as [
    [Error | null, number],
  ];
  if (error) throw error;
  return count;
}
