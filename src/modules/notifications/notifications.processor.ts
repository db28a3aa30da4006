import type { Job } from 'bull';
import { JobHandler } from '../../infrastructure/queues/job-handler.decorator';
import { JobData, JobName, QueueName } from '../../infrastructure/queues/job-registry';
import { ProcessesQueue, QueueProcessor } from '../../infrastructure/queues/queue-processor';
import { NotificationDeliveryService } from './notification-delivery.service';

/** Runs in the worker only (registered by WorkerModule). */
@ProcessesQueue(QueueName.Notifications)
export class NotificationsProcessor extends QueueProcessor {
  constructor(private readonly delivery: NotificationDeliveryService) {
    super();
  }

  @JobHandler(JobName.SendNotificationEmail)
  sendEmail(job: Job<JobData<JobName.SendNotificationEmail>>): Promise<'sent' | 'skipped'> {
    return this.delivery.sendEmail(job.data.notificationId);
  }

  @JobHandler(JobName.TickNotificationDigests)
  tickDigests(_job: Job<JobData<JobName.TickNotificationDigests>>): Promise<number> {
    return this.delivery.tickDigests();
  }

  @JobHandler(JobName.SendNotificationDigest)
  sendDigest(job: Job<JobData<JobName.SendNotificationDigest>>): Promise<'sent' | 'skipped'> {
    return this.delivery.sendDigest(job.data.userId, job.data.dueAt);
  }

  @JobHandler(JobName.PruneNotifications)
  prune(_job: Job<JobData<JobName.PruneNotifications>>): Promise<number> {
    return this.delivery.prune();
  }
}
