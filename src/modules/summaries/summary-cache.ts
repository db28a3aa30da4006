import { Injectable } from '@nestjs/common';
import { JsonCache } from '../../infrastructure/cache/json-cache';
import { SummaryDto } from './dto/summary.dto';
import { PeriodWindow } from './summary-period';

const TTL_SECONDS = 7 * 86_400;

/**
 * Completed, fresh summaries in Redis, keyed by user and period, so a repeated request is
 * answered without touching PostgreSQL. Entry changes delete the affected keys.
 */
@Injectable()
export class SummaryCache {
  constructor(private readonly cache: JsonCache) {}

  get(userId: string, window: PeriodWindow): Promise<SummaryDto | null> {
    return this.cache.get<SummaryDto>('summaries', this.key(userId, window));
  }

  set(userId: string, window: PeriodWindow, summary: SummaryDto): Promise<void> {
    return this.cache.set('summaries', this.key(userId, window), summary, TTL_SECONDS);
  }

  invalidate(userId: string, windows: PeriodWindow[]): Promise<void> {
    return this.cache.delete(
      'summaries',
      windows.map((w) => this.key(userId, w)),
    );
  }

  private key(userId: string, window: PeriodWindow): string {
    return `v1:${userId}:${window.period}:${window.start.toISOString()}`;
  }
}
