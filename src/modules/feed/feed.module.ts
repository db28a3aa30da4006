import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsersModule } from '../users/users.module';
import { ActivityComment } from './entities/activity-comment.entity';
import { ActivityLike } from './entities/activity-like.entity';
import { Activity } from './entities/activity.entity';
import { FeedController } from './feed.controller';
import { FeedRepository } from './feed.repository';
import { FeedService } from './feed.service';
import { FeedSubscribers } from './feed.subscribers';
import { WorkoutSharingController } from './workout-sharing.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Activity, ActivityLike, ActivityComment]), UsersModule],
  controllers: [FeedController, WorkoutSharingController],
  providers: [FeedRepository, FeedService, FeedSubscribers],
  exports: [FeedService],
})
export class FeedModule {}
