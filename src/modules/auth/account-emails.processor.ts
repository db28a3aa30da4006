import type { Job } from 'bull';
import { JobHandler } from '../../infrastructure/queues/job-handler.decorator';
import { JobData, JobName, QueueName } from '../../infrastructure/queues/job-registry';
import { ProcessesQueue, QueueProcessor } from '../../infrastructure/queues/queue-processor';
import { AccountEmailsService } from './account-emails.service';

/** Runs in the worker only (registered by WorkerModule). */
@ProcessesQueue(QueueName.Accounts)
export class AccountEmailsProcessor extends QueueProcessor {
  constructor(private readonly accountEmails: AccountEmailsService) {
    super();
  }

  @JobHandler(JobName.SendVerificationEmail)
  verification(job: Job<JobData<JobName.SendVerificationEmail>>) {
    return this.accountEmails.sendVerification(job.data.userId, job.data.deliveryId);
  }

  @JobHandler(JobName.ResendVerificationEmail)
  resend(job: Job<JobData<JobName.ResendVerificationEmail>>) {
    return this.accountEmails.resendVerificationTo(job.data.email, job.data.deliveryId);
  }

  @JobHandler(JobName.SendPasswordResetEmail)
  reset(job: Job<JobData<JobName.SendPasswordResetEmail>>) {
    return this.accountEmails.sendPasswordReset(job.data.email, job.data.deliveryId);
  }

  @JobHandler(JobName.SendPasswordChangedEmail)
  passwordChanged(job: Job<JobData<JobName.SendPasswordChangedEmail>>) {
    return this.accountEmails.sendPasswordChanged(
      job.data.userId,
      new Date(job.data.changedAt),
      job.data.deliveryId,
    );
  }
}
