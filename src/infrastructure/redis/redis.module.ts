import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../config/app-config';

export const REDIS = Symbol('REDIS');
export const InjectRedis = () => Inject(REDIS);

/** Every key FitAI writes outside Bull lives under `<QUEUE_PREFIX>:app:`. */
export function appKeyPrefix(config: AppConfig): string {
  return `${config.queue.prefix}:app:`;
}

/** `url` overrides the configured one (`npm run dev` may have started a Redis of its own). */
export function createRedisClient(config: AppConfig, name: string, url = config.redis.url): Redis {
  return new Redis(url, {
    keyPrefix: appKeyPrefix(config),
    connectionName: `fitai-${name}`,
    // Commands fail quickly while Redis is down instead of queueing forever.
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    connectTimeout: 5_000,
  });
}

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The shared ioredis client for app keys (cache, throttling, revocation broadcasts). */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => createRedisClient(config, 'app'),
    },
    RedisLifecycle,
  ],
  exports: [REDIS],
})
export class RedisModule {}
