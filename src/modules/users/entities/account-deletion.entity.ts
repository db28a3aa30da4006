import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { User } from './user.entity';

export enum AccountDeletionStatus {
  /** Waiting for its grace period to end; signing in cancels it. */
  Scheduled = 'scheduled',
  Cancelled = 'cancelled',
  /** Claimed by the purge; no longer cancellable. */
  Purging = 'purging',
  Done = 'done',
}

/**
 * One request to delete an account (DELETE /users/account, docs/account-deletion.md). The
 * recurring tick claims the rows whose grace period ended and enqueues their purge. Once the
 * account is gone the row stays, without the user id, as the record that a deletion happened.
 */
@Entity('account_deletions')
@Index('UQ_account_deletions_pending', ['userId'], {
  unique: true,
  where: `"status" IN ('scheduled', 'purging')`,
})
@Index('IDX_account_deletions_due', ['dueAt'], { where: `"status" IN ('scheduled', 'purging')` })
export class AccountDeletion extends BaseEntity {
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_account_deletions_user' })
  user?: User;

  @Column({
    type: 'enum',
    enum: AccountDeletionStatus,
    enumName: 'account_deletion_status',
    default: AccountDeletionStatus.Scheduled,
  })
  status: AccountDeletionStatus;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
