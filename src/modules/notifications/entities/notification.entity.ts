import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { NotificationType } from '../notification-types';

/** Someone who caused a notification, as it was shown when they did. */
export interface NotificationActor {
  id: string;
  displayName: string;
}

/**
 * One notification, or one group of repeats ("Ana and 4 others liked your workout"): the
 * occurrences of a type about one subject while unread and within the type's window
 * (docs/notifications.md). `latest_at` moves with each occurrence; lists are ordered by it.
 */
@Entity('notifications')
// GET /notifications (newest first, keyset) and ?after= (catch-up).
@Index('IDX_notifications_user_latest', ['userId', 'latestAt', 'id'], { where: '"in_app"' })
// GET /notifications?unread=true, the unread count (capped), read-all.
@Index('IDX_notifications_user_unread', ['userId', 'latestAt', 'id'], {
  where: '"in_app" AND "read_at" IS NULL',
})
// The open group of an occurrence (grouping).
@Index('IDX_notifications_user_group_open', ['userId', 'groupKey', 'firstAt'], {
  where: '"read_at" IS NULL',
})
// The daily digest's notifications.
@Index('IDX_notifications_user_digest', ['userId', 'latestAt'], { where: '"digest_pending"' })
// Pruning: read ones, and those never shown in the app (email only), by age.
@Index('IDX_notifications_prunable', ['latestAt'], {
  where: '"read_at" IS NOT NULL OR NOT "in_app"',
})
export class Notification extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'varchar', length: 60 })
  type: NotificationType;

  /** `<type>:<subjectId>`: occurrences with the same key group. */
  @Column({ type: 'varchar', length: 200 })
  groupKey: string;

  /** What it is about (a workout, a goal, a summary, a session), when anything. */
  @Column({ type: 'uuid', nullable: true })
  subjectId: string | null;

  /** Occurrences in the group (likes, records). */
  @Column({ type: 'integer', default: 1 })
  count: number;

  /** Distinct people who caused it. */
  @Column({ type: 'integer', default: 0 })
  actorCount: number;

  /** The last three of them, newest first. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  actors: NotificationActor[];

  /** What the message needs (a goal's title, a percent), captured when it happened. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, string | number | boolean | null>;

  /** False when the user turned the in-app channel off: kept only to carry the email. */
  @Column({ type: 'boolean', default: true })
  inApp: boolean;

  /** Waiting for the user's daily digest email. */
  @Column({ type: 'boolean', default: false })
  digestPending: boolean;

  @Column({ type: 'timestamptz' })
  firstAt: Date;

  @Column({ type: 'timestamptz' })
  latestAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
