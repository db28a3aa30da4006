import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * Which fact (a domain event, for one recipient) each notification occurrence came from: a
 * redelivered event finds its row here and adds nothing (idempotent subscribers).
 */
@Entity('notification_sources')
// Backs the cascade from notifications.
@Index('IDX_notification_sources_notification', ['notificationId'])
export class NotificationSource {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  /** `<event id>` or `<event id>:<what>` when one event makes several occurrences. */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  sourceKey: string;

  @Column({ type: 'uuid' })
  @ForeignKey('notifications', { onDelete: 'CASCADE' })
  notificationId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
