import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChallengesModule } from '../challenges/challenges.module';
import { EmailsModule } from '../emails/emails.module';
import { GoalsModule } from '../goals/goals.module';
import { UsersModule } from '../users/users.module';
import { FeedModule } from '../feed/feed.module';
import { SocialModule } from '../social/social.module';
import { SocialService } from '../social/social.service';
import { ACTOR_BLOCKS, ActorBlocks } from './actor-blocks';
import { NotificationDigest } from './entities/notification-digest.entity';
import { NotificationPreference } from './entities/notification-preference.entity';
import { NotificationSource } from './entities/notification-source.entity';
import { Notification } from './entities/notification.entity';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { NotificationsSubscribers } from './notifications.subscribers';
import { UnsubscribeController } from './unsubscribe.controller';
import { UnsubscribeTokens } from './unsubscribe-tokens';

/** In-app notifications, preferences, notification emails and digests. docs/notifications.md. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Notification,
      NotificationSource,
      NotificationPreference,
      NotificationDigest,
    ]),
    UsersModule,
    EmailsModule,
    GoalsModule,
    SocialModule,
    FeedModule,
    ChallengesModule,
  ],
  controllers: [NotificationsController, UnsubscribeController],
  providers: [
    NotificationsRepository,
    NotificationsService,
    NotificationDeliveryService,
    NotificationsSubscribers,
    UnsubscribeTokens,
    {
      provide: ACTOR_BLOCKS,
      useFactory: (social: SocialService): ActorBlocks => ({
        isBlocked: (recipientId, actorId) => social.isBlockedEitherWay(recipientId, actorId),
      }),
      inject: [SocialService],
    },
  ],
  exports: [NotificationsService, NotificationDeliveryService],
})
export class NotificationsModule {}
