import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * A user's daily digest schedule: `due_at` is set by the first notification waiting for it and
 * cleared when the tick job claims it (FOR UPDATE SKIP LOCKED), so each digest is sent once.
 */
@Entity('notification_digests')
// The tick's claim of due digests.
@Index('IDX_notification_digests_due', ['dueAt'], { where: '"due_at" IS NOT NULL' })
export class NotificationDigest {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSentAt: Date | null;
}
