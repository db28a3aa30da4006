import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../../users/entities/user.entity';

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

  @Index('IDX_email_deliveries_user_id')
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  /** The log outlives the account: deleting a user keeps the row without the link. */
  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ type: 'varchar', length: 255 })
  transportMessageId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  sentAt: Date;
}
