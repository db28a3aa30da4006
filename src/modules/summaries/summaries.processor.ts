import type { Job } from 'bull';
import { JobHandler } from '../../infrastructure/queues/job-handler.decorator';
import { ProcessesQueue, QueueProcessor } from '../../infrastructure/queues/queue-processor';
import { JobData, JobName, QueueName } from '../../infrastructure/queues/job-registry';
import { SummariesService } from './summaries.service';

/** Runs in the worker only (registered by WorkerModule). */
@ProcessesQueue(QueueName.Summaries)
export class SummariesProcessor extends QueueProcessor {
  constructor(private readonly summaries: SummariesService) {
    super();
  }

  @JobHandler(JobName.GenerateSummary)
  generate(job: Job<JobData<JobName.GenerateSummary>>) {
    return this.summaries.process(job.data.summaryId, {
      number: job.attemptsMade + 1,
      of: job.opts.attempts ?? 1,
    });
  }

  @JobHandler(JobName.SweepSummaries)
  sweep(_job: Job<JobData<JobName.SweepSummaries>>): Promise<number> {
    return this.summaries.sweep();
  }
}
