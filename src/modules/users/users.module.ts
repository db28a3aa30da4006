import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountStanding } from '../../common/auth/community-write';
import { User } from './entities/user.entity';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [UsersController],
  providers: [
    UsersRepository,
    UsersService,
    // Community writes check the caller's standing (AccountStandingGuard) through this.
    { provide: AccountStanding, useExisting: UsersService },
  ],
  exports: [UsersService, AccountStanding],
})
export class UsersModule {}
