import type { Job } from 'bull';
import { JobHandler } from '../../infrastructure/queues/job-handler.decorator';
import { JobData, JobName, QueueName } from '../../infrastructure/queues/job-registry';
import { ProcessesQueue, QueueProcessor } from '../../infrastructure/queues/queue-processor';
import { PlanGenerationService } from './plan-generation.service';

/** Runs in the worker only (registered by WorkerModule). */
@ProcessesQueue(QueueName.AiCoach)
export class AiCoachProcessor extends QueueProcessor {
  constructor(private readonly plans: PlanGenerationService) {
    super();
  }

  @JobHandler(JobName.GeneratePlan)
  generatePlan(job: Job<JobData<JobName.GeneratePlan>>) {
    return this.plans.process(job.data.generationId, {
      number: job.attemptsMade + 1,
      of: job.opts.attempts ?? 1,
    });
  }

  @JobHandler(JobName.SweepPlanGenerations)
  sweep(_job: Job<JobData<JobName.SweepPlanGenerations>>): Promise<number> {
    return this.plans.sweep();
  }
}
