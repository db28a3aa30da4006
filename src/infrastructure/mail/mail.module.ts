import { Global, Module } from '@nestjs/common';
import { FileMailTransport } from './file-mail.transport';
import { MailTransport } from './mail-transport';

@Global()
@Module({
  providers: [{ provide: MailTransport, useClass: FileMailTransport }],
  exports: [MailTransport],
})
export class MailModule {}
