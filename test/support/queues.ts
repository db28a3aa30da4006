import { INestApplicationContext } from '@nestjs/common';
import { JobQueue } from '../../src/infrastructure/queues/job-queue.service';
import { QueueName } from '../../src/infrastructure/queues/job-registry';
import { eventually } from './test-app';

/**
 * Resolves once a queue has no job waiting, running or waiting for a retry (repeatable jobs
 * waiting for their next run do not count), in whichever worker: a test can then assert on
 * what the jobs did, or did not do, without guessing how fast the worker is.
 */
export async function jobsSettled(
  app: INestApplicationContext,
  name: QueueName,
  timeoutMs = 15_000,
): Promise<void> {
  const queue = app.get(JobQueue).queue(name);
  await eventually(async () => {
    const counts = await queue.getJobCounts();
    const retrying = (await queue.getDelayed()).filter(
      (job) => !String(job.id).startsWith('repeat:'),
    ).length;
    return counts.waiting + counts.active + retrying === 0 ? true : undefined;
  }, timeoutMs);
}
