import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JobQueue } from './job-queue.service';
import { ALL_QUEUE_NAMES } from './job-registry';

/**
 * Bull re-emits its Redis connections' errors as 'error' events on the queue. An 'error'
 * event nobody listens to is thrown and would crash the process (for instance when a
 * connection drops while the queue closes), so every queue gets a listener that logs.
 */
@Injectable()
export class QueueErrorLogger implements OnModuleInit {
  private readonly logger = new Logger('Queues');

  constructor(private readonly jobs: JobQueue) {}

  onModuleInit(): void {
    for (const name of ALL_QUEUE_NAMES) {
      this.jobs.queue(name).on('error', (error: Error) => {
        this.logger.warn({ queue: name, err: error }, `queue ${name}: ${error.message}`);
      });
    }
  }
}
