import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ModerationModule } from '../moderation/moderation.module';
import { UsersModule } from '../users/users.module';
import { AdminQueuesController } from './admin-queues.controller';
import { AdminUsersController } from './admin-users.controller';
import { AdminUsersService } from './admin-users.service';
import { DeadLettersService } from './dead-letters.service';
import { QueueBoard } from './queue-board';
import { QueueBoardAccess } from './queue-board-access.service';
import { AdminFiguresController } from './admin-figures.controller';
import { AdminFiguresRepository } from './admin-figures.repository';
import { AdminFiguresService } from './admin-figures.service';

@Module({
  imports: [UsersModule, AuthModule, ModerationModule],
  controllers: [AdminUsersController, AdminQueuesController, AdminFiguresController],
  providers: [
    DeadLettersService,
    AdminUsersService,
    AdminFiguresService,
    AdminFiguresRepository,
    QueueBoardAccess,
    QueueBoard,
  ],
})
export class AdminModule {}
