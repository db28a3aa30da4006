import { Logger, ServiceUnavailableException } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Throttlers that must hold even when their counters cannot be read (password guessing). */
const FAIL_CLOSED = new Set(['auth']);
const WARN_EVERY_MS = 10_000;

/**
 * The rate-limit counters live in Redis. When Redis cannot answer, the general per-user limit
 * lets requests through (the product stays usable through a Redis outage; a counter is not
 * worth an outage of every route), while the stricter limit of the sign-in routes refuses
 * with 503, since it guards against password guessing.
 */
export class FailOpenThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('Throttling');
  private lastWarning = 0;

  constructor(private readonly counters: ThrottlerStorage) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      return await this.counters.increment(key, ttl, limit, blockDuration, throttlerName);
    } catch (error) {
      if (Date.now() - this.lastWarning > WARN_EVERY_MS) {
        this.lastWarning = Date.now();
        this.logger.warn({ err: error }, 'rate-limit counters unavailable');
      }
      if (FAIL_CLOSED.has(throttlerName)) {
        throw new ServiceUnavailableException('Sign-in is temporarily unavailable.');
      }
      return { totalHits: 0, timeToExpire: ttl, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
