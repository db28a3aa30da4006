import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { InjectRedis } from '../../infrastructure/redis/redis.module';

/**
 * Deny-list of revoked login sessions in Redis. An access token names its session (`sid`);
 * once the session is revoked (logout, refresh-token reuse) every access token of it stops
 * working at once. Entries expire with the longest-lived access token they could block.
 */
@Injectable()
export class SessionRevocations {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async revoke(sessionId: string): Promise<void> {
    await this.redis.set(this.key(sessionId), '1', 'EX', this.config.auth.accessTtlSeconds);
  }

  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.redis.exists(this.key(sessionId))) === 1;
  }

  private key(sessionId: string): string {
    return `auth:revoked-session:${sessionId}`;
  }
}
