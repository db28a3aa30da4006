import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { EntryType } from '../entry.vocabulary';

export { EntryType };

/**
 * One journal entry: how the user felt (mood, energy), what happened (type, tags, note) and
 * optionally a measured value. Every read is per user and by time, so the indexes all start
 * with user_id and end with (occurred_at, id), the keyset order.
 */
@Entity('entries')
@Index('IDX_entries_user_occurred', ['userId', 'occurredAt', 'id'])
@Index('IDX_entries_user_type_occurred', ['userId', 'type', 'occurredAt', 'id'])
// GIN (user_id, tags) with btree_gin, for tag filters and tag counts; created in the migration.
@Index('IDX_entries_user_tags', { synchronize: false })
// Admin figures: entries per day (docs/admin.md).
@Index('IDX_entries_created_at', ['createdAt'])
export class Entry extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'enum', enum: EntryType, enumName: 'entry_type' })
  type: EntryType;

  @Column({ type: 'smallint', nullable: true })
  mood: number | null;

  @Column({ type: 'smallint', nullable: true })
  energy: number | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Normalised: lower case, trimmed, unique within the entry. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** numeric keeps exact decimals; the pg driver returns it as a string, converted in the DTO. */
  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true })
  value: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  unit: string | null;
}
