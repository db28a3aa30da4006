import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { User } from './user.entity';
import { AccountDeletionRecord, AccountDeletionStatus } from '../account-deletion.vocabulary';

export { AccountDeletionStatus };

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
export class AccountDeletion extends BaseEntity implements AccountDeletionRecord {
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
