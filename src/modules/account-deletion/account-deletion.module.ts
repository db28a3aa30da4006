import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EmailsModule } from '../emails/emails.module';
import { UsersModule } from '../users/users.module';
import { AccountDeletionController } from './account-deletion.controller';
import { AccountDeletionService } from './account-deletion.service';
import { AccountPurgeRepository } from './account-purge.repository';
import { AccountPurgeService } from './account-purge.service';

/** DELETE /users/account and the purge (docs/account-deletion.md). */
@Module({
  imports: [UsersModule, AuthModule, EmailsModule],
  controllers: [AccountDeletionController],
  providers: [AccountDeletionService, AccountPurgeService, AccountPurgeRepository],
  exports: [AccountDeletionService, AccountPurgeService],
})
export class AccountDeletionModule {}
