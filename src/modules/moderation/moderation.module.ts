import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FeedModule } from '../feed/feed.module';
import { UsersModule } from '../users/users.module';
import { ContentReport } from './entities/content-report.entity';
import { ModerationLogEntry } from './entities/moderation-log-entry.entity';
import { ModerationController } from './moderation.controller';
import { ModerationRepository } from './moderation.repository';
import { ModerationService } from './moderation.service';

@Module({
  imports: [TypeOrmModule.forFeature([ContentReport, ModerationLogEntry]), FeedModule, UsersModule],
  controllers: [ModerationController],
  providers: [ModerationRepository, ModerationService],
  exports: [ModerationService],
})
export class ModerationModule {}
