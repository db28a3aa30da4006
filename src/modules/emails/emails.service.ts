import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { MailTransport } from '../../infrastructure/mail/mail-transport';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { JobName } from '../../infrastructure/queues/job-registry';
import { UsersService } from '../users/users.service';
import { EmailDeliveriesRepository } from './email-deliveries.repository';
import { renderWelcomeEmail } from './templates/welcome.template';

/** Emails are never sent inline: the API enqueues, the worker renders and delivers. */
@Injectable()
export class EmailsService {
  private readonly logger = new Logger(EmailsService.name);

  constructor(
    private readonly jobs: JobQueue,
    private readonly deliveries: EmailDeliveriesRepository,
    private readonly transport: MailTransport,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  sendWelcome(userId: string): Promise<void> {
    return this.jobs.enqueue(JobName.SendWelcomeEmail, { userId }, { jobId: `welcome:${userId}` });
  }

  /** Worker side. Idempotent: a second run for the same user sends nothing. */
  async deliverWelcome(userId: string): Promise<'sent' | 'skipped'> {
    const dedupeKey = `welcome:${userId}`;
    if (await this.deliveries.existsByDedupeKey(dedupeKey)) return 'skipped';
    const user = await this.users.findById(userId);
    if (!user) {
      this.logger.warn({ userId }, 'welcome email skipped: the account no longer exists');
      return 'skipped';
    }
    const message = renderWelcomeEmail({
      displayName: user.displayName,
      appUrl: this.config.http.publicUrl,
    });
    const sent = await this.transport.send({ to: user.email, ...message });
    await this.deliveries.record({
      dedupeKey,
      userId,
      kind: 'welcome',
      recipient: user.email,
      transportMessageId: sent.messageId,
    });
    this.logger.log({ userId, messageId: sent.messageId }, 'welcome email sent');
    return 'sent';
  }
}
