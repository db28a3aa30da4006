import type { Job } from 'bull';
import { JobHandler } from '../../infrastructure/queues/job-handler.decorator';
import { JobData, JobName, QueueName } from '../../infrastructure/queues/job-registry';
import { ProcessesQueue, QueueProcessor } from '../../infrastructure/queues/queue-processor';
import { AccountDeletionService } from './account-deletion.service';
import { AccountPurgeService } from './account-purge.service';

/** Runs in the worker only (registered by WorkerModule): the accounts tick, purges, emails. */
@ProcessesQueue(QueueName.AccountDeletion)
export class AccountDeletionProcessor extends QueueProcessor {
  constructor(
    private readonly deletions: AccountDeletionService,
    private readonly purges: AccountPurgeService,
  ) {
    super();
  }

  @JobHandler(JobName.TickAccounts)
  tick(_job: Job<JobData<JobName.TickAccounts>>) {
    return this.deletions.tick();
  }

  @JobHandler(JobName.PurgeAccount)
  purge(job: Job<JobData<JobName.PurgeAccount>>) {
    return this.purges.purge(job.data.deletionId);
  }

  @JobHandler(JobName.SendAccountDeletionScheduledEmail)
  scheduledEmail(job: Job<JobData<JobName.SendAccountDeletionScheduledEmail>>) {
    return this.deletions.sendScheduledEmail(job.data.deletionId);
  }
}
