import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { apiPath } from '../../common/http/api-path';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { JobName } from '../../infrastructure/queues/job-registry';
import { EmailsService } from '../emails/emails.service';
import { UsersService } from '../users/users.service';
import { ACTOR_BLOCKS, ActorBlocks } from './actor-blocks';
import { NotificationDto, UnreadCountDto } from './dto/notification.dto';
import { UNREAD_CAP, unreadCountDto } from './notification-events';
import { Notification, NotificationActor } from './entities/notification.entity';
import { messageOf } from './notification-messages';
import {
  ChannelSettings,
  EmailMode,
  groupKeyOf,
  NOTIFICATION_TYPES,
  NotificationType,
} from './notification-types';
import { settingsOf } from './notification-preferences';
import { NewNotification, NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { UnsubscribeScope } from './unsubscribe-tokens';

/** One occurrence of a notification, as a subscriber describes it. */
export interface Occurrence {
  userId: string;
  type: NotificationType;
  /** What it is about: occurrences of one type about one subject group. */
  subjectId: string | null;
  /** Who caused it (social types); null for the user's own facts. */
  actorId: string | null;
  /** Names the fact, for idempotency: the domain event's id (plus a suffix if it makes several). */
  sourceKey: string;
  data?: Notification['data'];
}

/** An occurrence being delivered, with its actor looked up (once per delivery). */
type Delivery = Occurrence & { actor: NotificationActor | null };

/** What reaches the user: in-app or not, and the email this module sends (Off if none). */
interface Channels {
  inApp: boolean;
  email: EmailMode;
  wanted: boolean;
}

function channelsOf(type: NotificationType, settings: ChannelSettings): Channels {
  const email = NOTIFICATION_TYPES[type].emailedHere ? settings.email : EmailMode.Off;
  return { inApp: settings.inApp, email, wanted: settings.inApp || email !== EmailMode.Off };
}

function newNotification(delivery: Delivery, channels: Channels): NewNotification {
  return {
    userId: delivery.userId,
    type: delivery.type,
    groupKey: groupKeyOf(delivery.type, delivery.subjectId),
    subjectId: delivery.subjectId,
    actor: delivery.actor,
    data: delivery.data ?? {},
    inApp: channels.inApp,
    digestPending: channels.email === EmailMode.Daily,
  };
}

const DIGEST_BATCH = 100;
const DIGEST_ITEMS = 50;

/**
 * Worker side of notifications: creating them from facts (grouped, idempotent, per the user's
 * preferences, never from a blocked user), the socket event, the delayed email, daily digests
 * and pruning. docs/notifications.md.
 */
@Injectable()
export class NotificationDeliveryService {
  private readonly logger = new Logger(NotificationDeliveryService.name);

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly service: NotificationsService,
    private readonly users: UsersService,
    private readonly emails: EmailsService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
    @Inject(ACTOR_BLOCKS) private readonly blocks: ActorBlocks,
  ) {}

  /**
   * Records one occurrence: a new notification, or one more in its open group. A redelivered
   * fact finds its source and only repeats the after-effects (the socket event, the email job,
   * both idempotent for the client and by job id). Answers the notification, or null when the
   * user wants neither channel or the actor is blocked.
   */
  async notify(occurrence: Occurrence): Promise<Notification | null> {
    const { userId, type, actorId } = occurrence;
    if (actorId !== null && (await this.blocks.isBlocked(userId, actorId))) return null;
    const definition = NOTIFICATION_TYPES[type];
    // The actor's name is looked up once, for the first write, and passed on to the next ones
    // (a stored preference and a redelivery make up to three).
    let delivery: Delivery | undefined;
    if (definition.groupWindowMinutes === null) {
      // Most users keep a type's defaults: an ungrouped one (a summary: the worker's hot path)
      // is written with them without reading the settings first, in one statement that writes
      // nothing if the user stored settings for the type (then read below, and decided again).
      const defaults = channelsOf(type, settingsOf(type, undefined));
      if (defaults.wanted) {
        delivery = await this.withActor(occurrence);
        const made = await this.insertUngrouped(delivery, defaults, !definition.locked);
        if (made !== 'stored preference') return made;
      }
    }
    const channels = channelsOf(type, await this.service.settingsOf(userId, type));
    if (!channels.wanted) return null;
    delivery ??= await this.withActor(occurrence);
    if (definition.groupWindowMinutes === null) {
      const made = await this.insertUngrouped(delivery, channels, false);
      if (made !== 'stored preference') return made;
    }
    return this.recordInGroup(delivery, channels);
  }

  /**
   * An ungrouped occurrence in one statement (insertUngrouped); if already recorded, the
   * recorded one, whose after-effects are repeated (recordInGroup finds it).
   */
  private async insertUngrouped(
    occurrence: Delivery,
    channels: Channels,
    unlessStoredPreference: boolean,
  ): Promise<Notification | null | 'stored preference'> {
    const made = await this.notifications.insertUngrouped(
      newNotification(occurrence, channels),
      occurrence.sourceKey,
      UNREAD_CAP + 1,
      unlessStoredPreference,
    );
    if (made === null) return this.recordInGroup(occurrence, channels);
    if (made.storedPreference) return 'stored preference';
    const { notification, unreadBefore } = made;
    const unread = unreadBefore + (notification.inApp ? 1 : 0);
    await this.afterCommit(notification, channels.email, unreadCountDto(unread));
    this.logger.log(
      { userId: notification.userId, type: notification.type, notificationId: notification.id },
      'notified',
    );
    return notification;
  }

  /**
   * A new notification, or one more occurrence in its open group, under the group's lock; a
   * recorded source answers the notification it made (and only the after-effects repeat).
   */
  private async recordInGroup(occurrence: Delivery, channels: Channels): Promise<Notification> {
    const { userId, type } = occurrence;
    const definition = NOTIFICATION_TYPES[type];
    const fields = newNotification(occurrence, channels);
    const { notification, created } = await this.notifications.inTransaction(async (tx) => {
      await tx.lockGroup(userId, fields.groupKey);
      const earlier = await tx.notificationOfSource(userId, occurrence.sourceKey);
      if (earlier) return { notification: earlier, created: false };
      const group =
        definition.groupWindowMinutes === null
          ? null
          : await tx.findOpenGroup(userId, fields.groupKey, definition.groupWindowMinutes);
      const notification = group
        ? await tx.addOccurrence(group, fields.actor, fields.data, fields.digestPending)
        : await tx.insert(fields);
      await tx.recordSource(userId, occurrence.sourceKey, notification.id);
      return { notification, created: true };
    });
    await this.afterCommit(notification, channels.email);
    if (created) this.logger.log({ userId, type, notificationId: notification.id }, 'notified');
    return notification;
  }

  /** `unread`: the badge when the write already counted it (else counted here). */
  private async afterCommit(
    notification: Notification,
    email: EmailMode,
    unread?: UnreadCountDto,
  ): Promise<void> {
    if (notification.inApp) {
      this.service.emit(notification.userId, 'notification.created', {
        notification: NotificationDto.from(notification),
        unread: unread ?? (await this.service.unreadCount(notification.userId)),
      });
    }
    if (email === EmailMode.Immediate) {
      await this.jobs.enqueue(
        JobName.SendNotificationEmail,
        { notificationId: notification.id },
        {
          jobId: `notification-email:${notification.id}`,
          delayMs: this.config.notifications.emailDelaySeconds * 1000,
        },
      );
    } else if (email === EmailMode.Daily) {
      await this.notifications.scheduleDigest(
        notification.userId,
        this.config.notifications.digestAfterSeconds,
      );
    }
  }

  /**
   * After the delay: the email, unless the notification was read (or deleted) meanwhile or the
   * user turned this type's emails off. Sent once (the emails module's dedupe key).
   */
  async sendEmail(notificationId: string): Promise<'sent' | 'skipped'> {
    const notification = await this.notifications.findById(notificationId);
    if (!notification || notification.readAt !== null) return 'skipped';
    const settings = await this.service.settingsOf(notification.userId, notification.type);
    if (settings.email !== EmailMode.Immediate) return 'skipped';
    const user = await this.users.findById(notification.userId);
    if (!user) return 'skipped';
    const unsubscribe = this.unsubscribeUrls(user.id, notification.type);
    return this.emails.deliver({
      dedupeKey: `notification:${notification.id}`,
      user,
      message: {
        kind: 'notification',
        displayName: user.displayName,
        message: messageOf(notification),
        appUrl: this.config.frontendUrl,
        unsubscribeUrl: unsubscribe.page,
      },
      headers: unsubscribe.headers,
    });
  }

  /**
   * The recurring tick: claims due digests (FOR UPDATE SKIP LOCKED) and enqueues one job each,
   * its id named by the user and the due time, in the claiming transaction: a crash before the
   * commit leaves the rows due, and the next tick's jobs carry the same ids.
   */
  async tickDigests(): Promise<number> {
    return this.notifications.inTransaction(async (tx) => {
      const due = await tx.claimDueDigests(DIGEST_BATCH);
      for (const { userId, dueAt } of due) {
        await this.jobs.enqueue(
          JobName.SendNotificationDigest,
          { userId, dueAt: dueAt.toISOString() },
          { jobId: `notification-digest:${userId}:${dueAt.getTime()}` },
        );
      }
      return due.length;
    });
  }

  /** One digest email of the unread notifications waiting for it; none when all were read. */
  async sendDigest(userId: string, dueAt: string): Promise<'sent' | 'skipped'> {
    const items = await this.notifications.digestItems(userId, DIGEST_ITEMS);
    const user = await this.users.findById(userId);
    if (!user || items.length === 0) {
      await this.notifications.digestSent(userId);
      return 'skipped';
    }
    const unsubscribe = this.unsubscribeUrls(userId, 'digest');
    const outcome = await this.emails.deliver({
      dedupeKey: `notification-digest:${userId}:${Date.parse(dueAt)}`,
      user,
      message: {
        kind: 'notification-digest',
        displayName: user.displayName,
        messages: items.map(messageOf),
        appUrl: this.config.frontendUrl,
        unsubscribeUrl: unsubscribe.page,
      },
      headers: unsubscribe.headers,
    });
    await this.notifications.digestSent(userId);
    return outcome;
  }

  /** Deletes old read notifications, a batch at a time; how many. */
  prune(): Promise<number> {
    return this.notifications.prune(this.config.notifications.retentionDays);
  }

  /**
   * The link in the email's text (the web app's page, which shows the state and confirms) and
   * the List-Unsubscribe headers (RFC 8058: the API's one-click POST, no sign-in).
   */
  private unsubscribeUrls(userId: string, scope: UnsubscribeScope) {
    const api = `${this.config.http.publicUrl}${apiPath('notifications/unsubscribe')}`;
    const oneClick = this.service.unsubscribeLink(userId, scope, api);
    return {
      page: this.service.unsubscribeLink(userId, scope, `${this.config.frontendUrl}/unsubscribe`),
      headers: {
        'List-Unsubscribe': `<${oneClick}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    };
  }

  /** The occurrence with its actor's display name (one statement; none without an actor). */
  private async withActor(occurrence: Occurrence): Promise<Delivery> {
    const { actorId } = occurrence;
    if (actorId === null) return { ...occurrence, actor: null };
    const names = await this.users.displayNamesOf([actorId]);
    return { ...occurrence, actor: { id: actorId, displayName: names.get(actorId) ?? 'Someone' } };
  }
}
