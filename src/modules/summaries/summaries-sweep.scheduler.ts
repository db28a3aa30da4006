import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { JobName } from '../../infrastructure/queues/job-registry';

/** Worker only: schedules the periodic sweep (idempotent across replicas). */
@Injectable()
export class SummariesSweepScheduler implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Sweep at twice the threshold's frequency, so a lost job waits at most 1.5× the threshold.
    await this.jobs.schedule(
      JobName.SweepSummaries,
      {},
      (this.config.summaries.sweepAfterSeconds * 1000) / 2,
    );
  }
}
