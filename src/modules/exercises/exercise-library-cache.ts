import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { CacheName, cacheGenerationKey, JsonCache } from '../../infrastructure/cache/json-cache';
import { createRedisClient } from '../../infrastructure/redis/redis.module';

/** Library lists change only when an approved exercise does; an hour bounds any miss. */
const TTL_SECONDS = 3600;

/** A change to the library outdates its answers and the rankings and statistics built on it. */
const LIBRARY_CACHES: CacheName[] = ['exercises', 'exercise-rankings'];

/**
 * The read-mostly library answers (lists, searches, filter counts) in Redis. Only
 * answers that are the same for every viewer are cached: those of viewers without exercises of
 * their own awaiting review. Any change to what everyone sees invalidates them all at once.
 */
@Injectable()
export class ExerciseLibraryCache {
  constructor(private readonly cache: JsonCache) {}

  read<T>(kind: string, params: object, load: () => Promise<T>): Promise<T> {
    return this.cache.getOrLoadVersioned(
      'exercises',
      `${kind}:${keyOf(params)}`,
      TTL_SECONDS,
      load,
    );
  }

  async invalidate(): Promise<void> {
    for (const cache of LIBRARY_CACHES) await this.cache.invalidateAll(cache);
  }
}

/** The same key for the same parameters, whatever their order. */
function keyOf(params: object): string {
  const entries = Object.entries(params)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

/**
 * For the seed command, which runs outside the application: after it changed the library,
 * cached answers must go. Best effort: without Redis they expire within the TTL anyway.
 */
export async function invalidateLibraryCacheFromOutside(
  config: AppConfig,
  redisUrl = config.redis.url,
): Promise<boolean> {
  const redis = createRedisClient(config, 'seed', redisUrl);
  try {
    for (const cache of LIBRARY_CACHES) await redis.incr(cacheGenerationKey(cache));
    return true;
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
