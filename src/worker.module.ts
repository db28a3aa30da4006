import {
  DynamicModule,
  Injectable,
  Logger,
  Module,
  BeforeApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { DOMAIN_MODULES } from './domain-modules';
import { JobHandlerRegistry } from './infrastructure/queues/job-handler-registry';
import { JobQueue } from './infrastructure/queues/job-queue.service';
import { ALL_QUEUE_NAMES } from './infrastructure/queues/job-registry';
import { EmailsProcessor } from './modules/emails/emails.processor';

/** Every queue processor. The worker refuses to start if a job name has no handler here. */
export const PROCESSORS = [EmailsProcessor];

/**
 * On SIGTERM: stop taking jobs and let the active ones finish before the database and Redis
 * connections close (their shutdown hooks run after this one). A job cut off by a hard kill
 * is retried by Bull once its lock expires.
 */
@Injectable()
class QueueDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');

  constructor(private readonly jobs: JobQueue) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log({ signal }, 'draining queues: finishing active jobs');
    await Promise.all(ALL_QUEUE_NAMES.map((name) => this.jobs.queue(name).close()));
    this.logger.log('queues drained');
  }
}

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config, 'worker'), DiscoveryModule, ...DOMAIN_MODULES],
      providers: [...PROCESSORS, JobHandlerRegistry, QueueDrain],
    };
  }
}
