import { Injectable } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config';
import { MailMessage, MailTransport, SentMail } from './mail-transport';

/**
 * Development transport: nodemailer composes the real MIME message and it is written to
 * MAIL_DIR as an .eml file any mail client can open.
 */
@Injectable()
export class FileMailTransport extends MailTransport {
  private readonly composer: Transporter;
  private readonly dir: string;

  constructor(private readonly config: AppConfig) {
    super();
    this.dir = resolve(config.mail.dir);
    this.composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(message: MailMessage): Promise<SentMail> {
    const info = (await this.composer.sendMail({ from: this.config.mail.from, ...message })) as {
      messageId: string;
      message: Buffer;
    };
    await mkdir(this.dir, { recursive: true });
    const safeId = info.messageId.replace(/[^A-Za-z0-9.@-]/g, '');
    await writeFile(join(this.dir, `${Date.now()}-${safeId}.eml`), info.message);
    return { messageId: info.messageId };
  }
}
