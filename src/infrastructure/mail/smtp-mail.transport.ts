import { Injectable } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config';
import { PermanentJobError } from '../queues/permanent-job-error';
import { MailMessage, MailTransport, SentMail } from './mail-transport';

interface SmtpError extends Error {
  responseCode?: number;
  response?: string;
}

/**
 * Real delivery over SMTP (nodemailer). A 5xx answer (unknown mailbox, rejected content) is
 * permanent: the job is not retried and lands in the dead-letter set with the server's
 * reason. 4xx answers and connection errors are transient and retried with backoff.
 */
@Injectable()
export class SmtpMailTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(private readonly config: AppConfig) {
    super();
    this.transporter = createTransport(config.mail.smtpUrl!, { from: config.mail.from });
  }

  async send(message: MailMessage): Promise<SentMail> {
    try {
      const info = (await this.transporter.sendMail(message)) as { messageId: string };
      return { messageId: info.messageId };
    } catch (error) {
      const smtp = error as SmtpError;
      if (smtp.responseCode && smtp.responseCode >= 500) {
        throw new PermanentJobError(`SMTP ${smtp.responseCode}: ${smtp.response ?? smtp.message}`);
      }
      throw error;
    }
  }
}
