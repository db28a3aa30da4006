import { getQueueToken } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import { withTimeout } from '../../common/async/with-timeout';
import { RequestContext } from '../../common/http/request-context';
import { JobData, JobName, JobPayloads, QUEUE_OF_JOB, QueueName } from './job-registry';

export interface EnqueueOptions {
  /** Deterministic id: Bull ignores a second add with the same id while the first exists. */
  jobId?: string;
  delayMs?: number;
}

/** Give up on Redis quickly: a request must not hang because the queue is unreachable. */
const ENQUEUE_TIMEOUT_MS = 3_000;

/** The one way to enqueue work: `enqueue(JobName.X, payloadOfX)` is type-checked. */
@Injectable()
export class JobQueue {
  private readonly logger = new Logger(JobQueue.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<void> {
    const data: JobData<N> = { ...payload, requestId: RequestContext.requestId() };
    await withTimeout(
      this.queue(QUEUE_OF_JOB[name]).add(name, data, {
        jobId: options.jobId,
        delay: options.delayMs,
      }),
      ENQUEUE_TIMEOUT_MS,
      `enqueue ${name} timed out after ${ENQUEUE_TIMEOUT_MS} ms`,
    );
    this.logger.debug({ job: name, jobId: options.jobId }, 'job enqueued');
  }

  /**
   * Adds several jobs of one name in one round trip (Bull's addBulk: a MULTI of the same
   * idempotent add script, so a deterministic id already present is skipped). Each job carries
   * its own request id, for jobs that continue work another request started.
   */
  async enqueueMany<N extends JobName>(
    name: N,
    jobs: { payload: JobPayloads[N]; jobId: string; requestId?: string }[],
  ): Promise<void> {
    if (jobs.length === 0) return;
    await withTimeout(
      this.queue(QUEUE_OF_JOB[name]).addBulk(
        jobs.map((job) => ({
          name,
          data: { ...job.payload, requestId: job.requestId } as JobData<N>,
          opts: { jobId: job.jobId },
        })),
      ),
      ENQUEUE_TIMEOUT_MS,
      `enqueue of ${jobs.length} ${name} jobs timed out after ${ENQUEUE_TIMEOUT_MS} ms`,
    );
  }

  /**
   * Registers a repeatable job (idempotent: Bull keys it by name and interval, so every
   * worker replica can call this at start without creating duplicates).
   */
  async schedule<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    everyMs: number,
  ): Promise<void> {
    await this.queue(QUEUE_OF_JOB[name]).add(name, payload, {
      repeat: { every: everyMs },
      jobId: `repeat:${name}`,
      removeOnFail: true,
    });
  }
}
