import type { Job } from 'bull';
import { JobHandler } from '../../../infrastructure/queues/job-handler.decorator';
import { JobData, JobName, QueueName } from '../../../infrastructure/queues/job-registry';
import { ProcessesQueue, QueueProcessor } from '../../../infrastructure/queues/queue-processor';
import { RecomputeOutcome, RecommendationsService } from './recommendations.service';

/** Runs in the worker only (registered by WorkerModule). */
@ProcessesQueue(QueueName.Recommendations)
export class RecommendationsProcessor extends QueueProcessor {
  constructor(private readonly recommendations: RecommendationsService) {
    super();
  }

  /** Every RECOMMENDATIONS_TICK_MS: claims the users due and enqueues one recompute each. */
  @JobHandler(JobName.TickRecommendations)
  tick(_job: Job<JobData<JobName.TickRecommendations>>): Promise<number> {
    return this.recommendations.tick();
  }

  @JobHandler(JobName.RecomputeRecommendations)
  recompute(job: Job<JobData<JobName.RecomputeRecommendations>>): Promise<RecomputeOutcome> {
    return this.recommendations.recompute(job.data.userId);
  }
}
