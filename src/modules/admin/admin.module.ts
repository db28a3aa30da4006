import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AdminQueuesController } from './admin-queues.controller';
import { AdminUsersController } from './admin-users.controller';
import { DeadLettersService } from './dead-letters.service';

@Module({
  imports: [UsersModule],
  controllers: [AdminUsersController, AdminQueuesController],
  providers: [DeadLettersService],
})
export class AdminModule {}
