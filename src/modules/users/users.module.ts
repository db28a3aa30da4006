import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountStanding } from '../../common/auth/community-write';
import { User } from './entities/user.entity';
import { AccountDeletion } from './entities/account-deletion.entity';
import { AccountDeletionsRepository } from './account-deletions.repository';
import { AvatarsController } from './avatars.controller';
import { AvatarsService } from './avatars.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, AccountDeletion])],
  controllers: [UsersController, AvatarsController],
  providers: [
    UsersRepository,
    AccountDeletionsRepository,
    UsersService,
    AvatarsService,
    // Community writes check the caller's standing (AccountStandingGuard) through this.
    { provide: AccountStanding, useExisting: UsersService },
  ],
  exports: [UsersService, AccountStanding, AvatarsService],
})
export class UsersModule {}
