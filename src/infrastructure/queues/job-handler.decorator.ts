import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bull';
import { RequestContext } from '../../common/http/request-context';
import { JobData, JobName } from './job-registry';

export const JOB_HANDLER = 'fitai:jobHandler';

/**
 * Marks the one method that processes a job name, in a QueueProcessor. Runs it inside the
 * request context of the request that enqueued the job, so worker log lines carry the same
 * request id.
 */
export function JobHandler<N extends JobName>(name: N) {
  return <R>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<(job: Job<JobData<N>>) => Promise<R>>,
  ): void => {
    const original = descriptor.value!;
    descriptor.value = function (this: unknown, job: Job<JobData<N>>) {
      const requestId = job.data.requestId ?? `job-${job.queue.name}-${job.id}`;
      return RequestContext.run({ requestId }, () => original.call(this, job));
    };
    SetMetadata(JOB_HANDLER, name)(target, key, descriptor);
  };
}
