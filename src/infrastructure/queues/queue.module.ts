import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { AUTO_PIPELINING } from '../redis/redis.module';
import { JobQueue } from './job-queue.service';
import { ALL_QUEUE_NAMES } from './job-registry';
import { QueueDrain } from './queue-drain';
import { QueueErrorLogger } from './queue-error-logger';
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
        // Bull opens (and on close, closes) its own connections from the URL; with a custom
        // createClient it would leave them to us.
        url: config.redis.url,
        redis: { connectionName: 'fitai-bull', ...AUTO_PIPELINING },
        // A crashed worker's active job runs again once its lock expires and a stalled-job
        // check notices: within 1.5 × JOB_LOCK_MS.
        settings: {
          lockDuration: config.queue.lockMs,
          stalledInterval: Math.round(config.queue.lockMs / 2),
        },
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
  providers: [JobQueue, QueueMetricsCollector, QueueErrorLogger, QueueDrain],
  exports: [BullModule, JobQueue],
})
export class QueueModule {}
