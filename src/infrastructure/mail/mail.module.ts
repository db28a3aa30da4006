import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { FileMailTransport } from './file-mail.transport';
import { MailTransport } from './mail-transport';
import { SmtpMailTransport } from './smtp-mail.transport';

/** SMTP when SMTP_URL is set (production, the compose mail catcher); .eml files otherwise. */
@Global()
@Module({
  providers: [
    {
      provide: MailTransport,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        config.mail.smtpUrl ? new SmtpMailTransport(config) : new FileMailTransport(config),
    },
  ],
  exports: [MailTransport],
})
export class MailModule {}
