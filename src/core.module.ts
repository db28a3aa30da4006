import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { AppRole } from './config/app-role';
import { AppConfigModule } from './config/config.module';
import { CacheModule } from './infrastructure/cache/cache.module';
import { DatabaseModule } from './infrastructure/database/database.module';
import { LoggingModule } from './infrastructure/logging/logging.module';
import { MailModule } from './infrastructure/mail/mail.module';
import { MetricsModule } from './infrastructure/metrics/metrics.module';
import { QueueModule } from './infrastructure/queues/queue.module';
import { RealtimeEmitterModule } from './infrastructure/realtime/realtime-emitter';
import { RedisModule } from './infrastructure/redis/redis.module';
import { StorageModule } from './infrastructure/storage/storage.module';

/**
 * Everything both entrypoints need: config, logging, PostgreSQL, Redis, queues, mail, metrics,
 * the Redis cache, file storage, and the socket.io emitter (through Redis). (Domain events need
 * no module to publish: publishDomainEvents.)
 */
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, role: AppRole): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        AppConfigModule.forRoot(config, role),
        LoggingModule,
        DatabaseModule,
        RedisModule,
        QueueModule,
        MetricsModule,
        CacheModule,
        MailModule,
        RealtimeEmitterModule,
        StorageModule,
      ],
    };
  }
}
