import { applyDecorators, ExecutionContext, Module, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { ThrottlerModule } from '@nestjs/throttler';
import Redis from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { AuthenticatedUser } from '../../common/auth/roles';
import { REDIS } from '../redis/redis.module';
import { FailOpenThrottlerStorage } from './fail-open-storage';
import { RedisThrottlerStorage } from './redis-throttler-storage';

const AUTH_RATE_LIMITED = 'fitai:authRateLimited';

/**
 * Applies the stricter `auth` throttler (per IP) to a route or controller, and says so in the
 * OpenAPI document (`x-rate-limits`, whose headers openapi-document.ts documents).
 */
export const AuthRateLimit = () =>
  applyDecorators(
    SetMetadata(AUTH_RATE_LIMITED, true),
    ApiExtension('x-rate-limits', ['default', 'auth']),
  );

/** Asked for every request: two metadata reads, nothing allocated. */
function isAuthRateLimited(context: ExecutionContext): boolean {
  return (
    Reflect.getMetadata(AUTH_RATE_LIMITED, context.getHandler()) === true ||
    Reflect.getMetadata(AUTH_RATE_LIMITED, context.getClass()) === true
  );
}

type TrackedRequest = { ip?: string; user?: AuthenticatedUser };

/**
 * Two throttlers, both counted in Redis so limits hold across API replicas (when Redis cannot
 * answer: FailOpenThrottlerStorage):
 * `default` per signed-in user (per IP for anonymous callers), and `auth`, stricter and per
 * IP, only on routes marked @AuthRateLimit(). The auth guard runs first, so `req.user` is set.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, REDIS],
      useFactory: (config: AppConfig, redis: Redis) => ({
        storage: new FailOpenThrottlerStorage(new RedisThrottlerStorage(redis)),
        throttlers: [
          {
            name: 'default',
            ttl: config.throttle.ttlSeconds * 1000,
            limit: config.throttle.limit,
            getTracker: (req: TrackedRequest) =>
              req.user ? `user:${req.user.id}` : `ip:${req.ip ?? 'unknown'}`,
          },
          {
            name: 'auth',
            ttl: config.throttle.ttlSeconds * 1000,
            limit: config.throttle.authLimit,
            skipIf: (context) => !isAuthRateLimited(context),
            getTracker: (req: TrackedRequest) => `ip:${req.ip ?? 'unknown'}`,
          },
        ],
      }),
    }),
  ],
})
export class ThrottlingModule {}
