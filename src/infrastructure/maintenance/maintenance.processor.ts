import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import { pruneIdempotencyKeys } from '../../common/idempotency/idempotent-create';
import { AppConfig } from '../../config/app-config';
import { JobHandler } from '../queues/job-handler.decorator';
import { JobData, JobName, QueueName } from '../queues/job-registry';
import { ProcessesQueue, QueueProcessor } from '../queues/queue-processor';

/** Worker only: retention of the tables that belong to no single module. */
@ProcessesQueue(QueueName.Maintenance)
export class MaintenanceProcessor extends QueueProcessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    super();
  }

  @JobHandler(JobName.PruneIdempotencyKeys)
  pruneIdempotencyKeys(_job: Job<JobData<JobName.PruneIdempotencyKeys>>): Promise<number> {
    return pruneIdempotencyKeys(this.dataSource, this.config.idempotency.retentionHours);
  }
}
