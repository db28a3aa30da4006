import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { MailAttachment, MailTransport } from '../../infrastructure/mail/mail-transport';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { JobName } from '../../infrastructure/queues/job-registry';
import { UsersService } from '../users/users.service';
import { UserAccount } from '../users/user.vocabulary';
import { EmailDeliveriesRepository } from './email-deliveries.repository';
import { EmailMessage, renderEmail } from './templates/email-message';

export interface Delivery {
  /** Identifies this message: a second delivery with the same key sends nothing. */
  dedupeKey: string;
  user: Pick<UserAccount, 'id' | 'email'>;
  /** Rendered only when the message is really sent. */
  message: EmailMessage;
  /** Extra header fields (List-Unsubscribe, List-Unsubscribe-Post). */
  headers?: Record<string, string>;
  /** Files sent with it (a report's PDF). */
  attachments?: MailAttachment[];
}

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
    const user = await this.users.findById(userId);
    if (!user) {
      this.logger.warn({ userId }, 'welcome email skipped: the account no longer exists');
      return 'skipped';
    }
    return this.deliver({
      dedupeKey: `welcome:${userId}`,
      user,
      message: {
        kind: 'welcome',
        displayName: user.displayName,
        appUrl: this.config.http.publicUrl,
      },
    });
  }

  /**
   * Worker side: sends one message once. Transport errors propagate (the job retries; a
   * permanent SMTP refusal is not retried).
   */
  async deliver(delivery: Delivery): Promise<'sent' | 'skipped'> {
    if (await this.deliveries.existsByDedupeKey(delivery.dedupeKey)) return 'skipped';
    const { kind } = delivery.message;
    const sent = await this.transport.send({
      to: delivery.user.email,
      ...renderEmail(delivery.message),
      ...(delivery.headers ? { headers: delivery.headers } : {}),
      ...(delivery.attachments ? { attachments: delivery.attachments } : {}),
    });
    await this.deliveries.record({
      dedupeKey: delivery.dedupeKey,
      userId: delivery.user.id,
      kind,
      recipient: delivery.user.email,
      transportMessageId: sent.messageId,
    });
    this.logger.log({ userId: delivery.user.id, kind, messageId: sent.messageId }, 'email sent');
    return 'sent';
  }

  /**
   * Sends one message to an address that no longer has an account (the last email of a deleted
   * one), so nothing of it is recorded; at most once, by the caller's own state.
   */
  async sendUnrecorded(to: string, message: EmailMessage): Promise<void> {
    const sent = await this.transport.send({ to, ...renderEmail(message) });
    this.logger.log({ kind: message.kind, messageId: sent.messageId }, 'email sent (unrecorded)');
  }
}
