import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { Counter } from 'prom-client';
import { MetricsService } from '../../infrastructure/metrics/metrics.service';
import { InjectRedis } from '../../infrastructure/redis/redis.module';
import { SummaryDto } from './dto/summary.dto';
import { PeriodWindow } from './summary-period';

const TTL_SECONDS = 7 * 86_400;

/**
 * Completed, fresh summaries in Redis, keyed by user and period, so a repeated request is
 * answered without touching PostgreSQL. Entry changes delete the affected keys.
 */
@Injectable()
export class SummaryCache {
  private readonly lookups: Counter<'result'>;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    metrics: MetricsService,
  ) {
    this.lookups = new Counter({
      name: 'fitai_summary_cache_lookups_total',
      help: 'Summary requests answered from the Redis cache (hit) or not (miss)',
      labelNames: ['result'] as const,
      registers: [metrics.registry],
    });
  }

  async get(userId: string, window: PeriodWindow): Promise<SummaryDto | null> {
    const cached = await this.redis.get(this.key(userId, window)).catch(() => null);
    this.lookups.inc({ result: cached ? 'hit' : 'miss' });
    return cached ? (JSON.parse(cached) as SummaryDto) : null;
  }

  async set(userId: string, window: PeriodWindow, summary: SummaryDto): Promise<void> {
    await this.redis.set(this.key(userId, window), JSON.stringify(summary), 'EX', TTL_SECONDS);
  }

  async invalidate(userId: string, windows: PeriodWindow[]): Promise<void> {
    if (windows.length) await this.redis.del(...windows.map((w) => this.key(userId, w)));
  }

  private key(userId: string, window: PeriodWindow): string {
    return `summary:v1:${userId}:${window.period}:${window.start.toISOString()}`;
  }
}
