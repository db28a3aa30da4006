import { Process } from '@nestjs/bull';
import type { Job } from 'bull';
import { JOB_HANDLER } from './job-handler.decorator';
import { PermanentJobError } from './permanent-job-error';

type Handler = (job: Job) => Promise<unknown>;

/**
 * Base of every processor class: one per queue, with one @JobHandler method per job name.
 * Bull gets a single processing loop per queue ('*'), which dispatches by job name; a handler
 * that throws PermanentJobError is not retried. (Bull
 * runs one loop per named handler on a shared blocking connection, and closing such a queue
 * leaves rejected Redis calls unhandled; one loop avoids that. Scale with worker replicas.)
 */
export abstract class QueueProcessor {
  private handlers?: Map<string, Handler>;

  @Process('*')
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
