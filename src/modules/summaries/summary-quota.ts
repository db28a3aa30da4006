import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { InjectRedis } from '../../infrastructure/redis/redis.module';
import { countInWindow } from '../../infrastructure/redis/window-counter';
import { SummaryProblems } from './summary-problems';

/**
 * Per-user daily quota of summary computations (UTC days). Counted in Redis so it holds
 * across API replicas; answers served from the cache do not count.
 */
@Injectable()
export class SummaryQuota {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** Takes one unit of today's quota, or throws 429 with Retry-After until midnight UTC. */
  async consume(userId: string, now = new Date()): Promise<void> {
    const key = `quota:summaries:${userId}:${now.toISOString().slice(0, 10)}`;
    const used = await countInWindow(this.redis, key, 2 * 86_400);
    const limit = this.config.summaries.dailyQuota;
    if (used <= limit) return;
    await this.redis.decr(key);
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    const retryAfter = Math.ceil((midnight - now.getTime()) / 1000);
    throw SummaryProblems.quotaExceeded.exception(
      `You can request ${limit} summaries per day. The quota resets at midnight UTC.`,
      { quota: limit },
      { 'Retry-After': String(retryAfter) },
    );
  }

  /** Gives a unit back when the request turned out not to start a computation. */
  async refund(userId: string, now = new Date()): Promise<void> {
    await this.redis.decr(`quota:summaries:${userId}:${now.toISOString().slice(0, 10)}`);
  }
}
