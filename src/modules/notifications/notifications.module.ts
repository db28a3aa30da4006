import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailsModule } from '../emails/emails.module';
import { GoalsModule } from '../goals/goals.module';
import { UsersModule } from '../users/users.module';
import { ACTOR_BLOCKS, NoActorBlocks } from './actor-blocks';
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
  ],
  controllers: [NotificationsController, UnsubscribeController],
  providers: [
    NotificationsRepository,
    NotificationsService,
    NotificationDeliveryService,
    NotificationsSubscribers,
    UnsubscribeTokens,
    // The social module's block check replaces this when it lands (actor-blocks.ts).
    { provide: ACTOR_BLOCKS, useClass: NoActorBlocks },
  ],
  exports: [NotificationsService, NotificationDeliveryService],
})
export class NotificationsModule {}
