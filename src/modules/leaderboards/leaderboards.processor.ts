import type { Job } from 'bull';
import { JobHandler } from '../../infrastructure/queues/job-handler.decorator';
import { JobData, JobName, QueueName } from '../../infrastructure/queues/job-registry';
import { ProcessesQueue, QueueProcessor } from '../../infrastructure/queues/queue-processor';
import { LeaderboardsService } from './leaderboards.service';

/** Runs in the worker only (registered by WorkerModule). */
@ProcessesQueue(QueueName.Leaderboards)
export class LeaderboardsProcessor extends QueueProcessor {
  constructor(private readonly leaderboards: LeaderboardsService) {
    super();
  }

  /**
   * A moment after entries change, and every minute: rewrites the rank snapshots of the dirty
   * boards that are due (docs/challenges.md, "Rank snapshots").
   */
  @JobHandler(JobName.RefreshLeaderboards)
  refresh(_job: Job<JobData<JobName.RefreshLeaderboards>>): Promise<number> {
    return this.leaderboards.refreshDue();
  }
}
