import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from './job-queue.service';
import { ALL_QUEUE_NAMES } from './job-registry';
import { QueueMetricsCollector } from './queue-metrics.collector';

/**
 * Bull on Redis. Defaults: retries with exponential backoff, completed jobs removed, failed
 * jobs kept (they are the dead-letter set ops list and redrive).
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        prefix: config.queue.prefix,
        createClient: (type) =>
          new Redis(config.redis.url, {
            connectionName: `fitai-bull-${type}`,
            // Bull requires these for its blocking and subscriber connections.
            ...(type === 'client' ? {} : { maxRetriesPerRequest: null, enableReadyCheck: false }),
          }),
        defaultJobOptions: {
          attempts: config.queue.attempts,
          backoff: { type: 'exponential', delay: config.queue.backoffMs },
          removeOnComplete: true,
          removeOnFail: false,
        },
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUE_NAMES.map((name) => ({ name }))),
  ],
  providers: [JobQueue, QueueMetricsCollector],
  exports: [BullModule, JobQueue],
})
export class QueueModule {}
