import type { Job } from 'bull';
import { JobHandler } from '../../infrastructure/queues/job-handler.decorator';
import { JobData, JobName, QueueName } from '../../infrastructure/queues/job-registry';
import { ProcessesQueue, QueueProcessor } from '../../infrastructure/queues/queue-processor';
import { ChallengesService } from './challenges.service';

/** Runs in the worker only (registered by WorkerModule). */
@ProcessesQueue(QueueName.Challenges)
export class ChallengesProcessor extends QueueProcessor {
  constructor(private readonly challenges: ChallengesService) {
    super();
  }

  /** Every minute: closes the challenges due, each once (docs/challenges.md, "Closing"). */
  @JobHandler(JobName.CloseDueChallenges)
  closeDue(_job: Job<JobData<JobName.CloseDueChallenges>>): Promise<string[]> {
    return this.challenges.closeDue();
  }
}
