import { Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { Counter } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service';
import { InjectRedis } from '../redis/redis.module';

/** The caches of the application: the `cache` label of fitai_cache_lookups_total. */
export type CacheName = 'summaries' | 'exercises' | 'exercise-rankings' | 'ai-answers';

/** The key holding a cache's generation (see JsonCache). */
export function cacheGenerationKey(cache: CacheName): string {
  return `cache:${cache}:generation`;
}

/**
 * JSON values in Redis for read-mostly data, with hit/miss counts per cache in `/metrics`.
 *
 * A cache is a convenience, never the truth: when Redis fails, reads count as misses and
 * writes are dropped (logged), so requests fall back to PostgreSQL instead of failing.
 *
 * Two ways to invalidate: delete exact keys (`delete`), or, for caches of many derived lists
 * (every filter combination of the exercise library), bump the cache's generation
 * (`invalidateAll`): keys embed it, so every older entry is unreachable at once and expires
 * by its TTL.
 */
@Injectable()
export class JsonCache {
  private readonly logger = new Logger(JsonCache.name);
  private readonly lookups: Counter<'cache' | 'result'>;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    metrics: MetricsService,
  ) {
    this.lookups = new Counter({
      name: 'fitai_cache_lookups_total',
      help: 'Reads of a Redis cache, by cache, answered from it (hit) or not (miss)',
      labelNames: ['cache', 'result'] as const,
      registers: [metrics.registry],
    });
  }

  async get<T>(cache: CacheName, key: string): Promise<T | null> {
    const cached = await this.redis.get(`cache:${cache}:${key}`).catch((error: unknown) => {
      this.logger.warn(`Cache read failed (${cache}): ${String(error)}`);
      return null;
    });
    this.lookups.inc({ cache, result: cached === null ? 'miss' : 'hit' });
    return cached === null ? null : (JSON.parse(cached) as T);
  }

  async set(cache: CacheName, key: string, value: unknown, ttlSeconds: number): Promise<void> {
    await this.redis
      .set(`cache:${cache}:${key}`, JSON.stringify(value), 'EX', ttlSeconds)
      .catch((error: unknown) =>
        this.logger.warn(`Cache write failed (${cache}): ${String(error)}`),
      );
  }

  /** The cached value, or `load()`'s, stored for next time. */
  async getOrLoad<T>(
    cache: CacheName,
    key: string,
    ttlSeconds: number,
    load: () => Promise<T>,
  ): Promise<T> {
    const cached = await this.get<T>(cache, key);
    if (cached !== null) return cached;
    const value = await load();
    await this.set(cache, key, value, ttlSeconds);
    return value;
  }

  /** getOrLoad under the cache's current generation: `invalidateAll` makes it reload. */
  async getOrLoadVersioned<T>(
    cache: CacheName,
    key: string,
    ttlSeconds: number,
    load: () => Promise<T>,
  ): Promise<T> {
    const generation = await this.generation(cache);
    return this.getOrLoad(cache, `${generation}:${key}`, ttlSeconds, load);
  }

  async delete(cache: CacheName, keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys.map((key) => `cache:${cache}:${key}`));
  }

  /** The current generation of a cache, to embed in its keys (see the class comment). */
  async generation(cache: CacheName): Promise<string> {
    const value = await this.redis.get(cacheGenerationKey(cache)).catch(() => null);
    return value ?? '0';
  }

  /** Makes every entry keyed with the current generation unreachable. */
  async invalidateAll(cache: CacheName): Promise<void> {
    await this.redis.incr(cacheGenerationKey(cache));
  }
}
