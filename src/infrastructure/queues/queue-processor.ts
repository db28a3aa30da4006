import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bull';
import { AppConfig } from '../../config/app-config';
import { JOB_HANDLER } from './job-handler.decorator';
import { JobQueue } from './job-queue.service';
import { QueueName } from './job-registry';
import { PermanentJobError } from './permanent-job-error';

const PROCESSED_QUEUE = 'fitai:processedQueue';

/** Marks the processor class of a queue (one per queue, extending QueueProcessor). */
export function ProcessesQueue(queue: QueueName): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(PROCESSED_QUEUE, queue, target);
    Injectable()(target);
  };
}

type Handler = (job: Job) => Promise<unknown>;

/**
 * Base of every processor class: one per queue (`@ProcessesQueue`), with one @JobHandler method
 * per job name. Bull gets a single processing registration per queue ('*'), which dispatches by
 * job name, running up to JOB_CONCURRENCY jobs at once (the jobs wait on PostgreSQL, Redis and
 * HTTP, not on the CPU); a handler that throws PermanentJobError is not retried. (Bull runs a
 * separate loop set per named handler on a shared blocking connection, and closing such a queue
 * leaves rejected Redis calls unhandled; one registration avoids that.) Worker only: the API
 * never instantiates a processor.
 */
export abstract class QueueProcessor implements OnApplicationBootstrap {
  @Inject(JobQueue) private readonly jobQueue!: JobQueue;
  @Inject(AppConfig) private readonly appConfig!: AppConfig;
  private handlers?: Map<string, Handler>;

  onApplicationBootstrap(): void {
    const name = Reflect.getMetadata(PROCESSED_QUEUE, this.constructor) as QueueName | undefined;
    if (!name) throw new Error(`${this.constructor.name} lacks @ProcessesQueue(queue)`);
    // Resolves only when the queue closes; failures to start are Bull's connection errors,
    // which QueueErrorLogger reports.
    this.jobQueue
      .queue(name)
      .process('*', this.appConfig.queue.concurrency, (job: Job) => this.dispatch(job))
      .catch((error: unknown) =>
        new Logger('Queues').error({ err: error, queue: name }, 'queue processing stopped'),
      );
  }

  dispatch(job: Job): Promise<unknown> {
    const handler = this.handlerFor(job.name);
    if (!handler) {
      // Unreachable while the start-up check passes: fail the job loudly rather than drop it.
      return Promise.reject(
        new Error(`no handler for job "${job.name}" on queue "${job.queue.name}"`),
      );
    }
    return handler.call(this, job).catch(async (error: unknown) => {
      if (error instanceof PermanentJobError) await job.discard();
      throw error;
    });
  }

  private handlerFor(name: string): Handler | undefined {
    if (!this.handlers) {
      this.handlers = new Map();
      let prototype = Object.getPrototypeOf(this) as Record<string, unknown> | null;
      while (prototype && prototype !== (QueueProcessor.prototype as object)) {
        for (const key of Object.getOwnPropertyNames(prototype)) {
          const method = prototype[key];
          const jobName =
            typeof method === 'function' ? Reflect.getMetadata(JOB_HANDLER, method) : undefined;
          if (jobName && !this.handlers.has(jobName)) this.handlers.set(jobName, method as Handler);
        }
        prototype = Object.getPrototypeOf(prototype) as Record<string, unknown> | null;
      }
    }
    return this.handlers.get(name);
  }
}
