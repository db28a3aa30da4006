import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * A message handed to the mail transport. `dedupeKey` makes the emails processor
 * idempotent: a job retried or delivered twice finds the row and does not send again.
 */
@Entity('email_deliveries')
export class EmailDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('UQ_email_deliveries_dedupe_key', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  dedupeKey: string;

  /** The log outlives the account: deleting a user keeps the row without the link. */
  @Index('IDX_email_deliveries_user_id')
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('users', { onDelete: 'SET NULL' })
  userId: string | null;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ type: 'varchar', length: 255 })
  transportMessageId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  sentAt: Date;
}
