import type { Job } from 'bull';
import { JobHandler } from '../../infrastructure/queues/job-handler.decorator';
import { ProcessesQueue, QueueProcessor } from '../../infrastructure/queues/queue-processor';
import { JobData, JobName, QueueName } from '../../infrastructure/queues/job-registry';
import { EmailsService } from './emails.service';

/** Runs in the worker only (registered by WorkerModule). */
@ProcessesQueue(QueueName.Emails)
export class EmailsProcessor extends QueueProcessor {
  constructor(private readonly emails: EmailsService) {
    super();
  }

  @JobHandler(JobName.SendWelcomeEmail)
  sendWelcome(job: Job<JobData<JobName.SendWelcomeEmail>>): Promise<'sent' | 'skipped'> {
    return this.emails.deliverWelcome(job.data.userId);
  }
}
