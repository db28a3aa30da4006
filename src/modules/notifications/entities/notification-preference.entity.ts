import { Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { EmailMode, NotificationType } from '../notification-types';

/**
 * A user's settings for one notification type, stored only once changed: a type without a row
 * has its defaults (notification-types.ts), so a new type needs no backfill.
 */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 60 })
  type: NotificationType;

  @Column({ type: 'boolean' })
  inApp: boolean;

  @Column({ type: 'varchar', length: 10 })
  email: EmailMode;

  @Column({ type: 'boolean' })
  push: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
