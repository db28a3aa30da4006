import { Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JobHandler } from '../../infrastructure/queues/job-handler.decorator';
import { JobData, JobName, QueueName } from '../../infrastructure/queues/job-registry';
import { QueueProcessor } from '../../infrastructure/queues/queue-processor';
import { GoalsService } from './goals.service';

/** Runs in the worker only (registered by WorkerModule). */
@Processor(QueueName.Goals)
export class GoalsProcessor extends QueueProcessor {
  constructor(private readonly goals: GoalsService) {
    super();
  }

  @JobHandler(JobName.RecomputeGoals)
  recompute(job: Job<JobData<JobName.RecomputeGoals>>): Promise<number> {
    return this.goals.recompute(job.data.userId);
  }
}
