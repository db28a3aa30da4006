import { CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * `blocker_id` blocked `blocked_id`: both are invisible to each other everywhere (docs/social.md).
 * Checked in SQL both ways: the primary key answers (blocker, blocked), IDX_user_blocks_blocked
 * the other direction.
 */
@Entity('user_blocks')
@Index('IDX_user_blocks_blocked', ['blockedId', 'blockerId'])
// The caller's block list (GET /users/blocked), newest first.
@Index('IDX_user_blocks_blocker_created', ['blockerId', 'createdAt', 'blockedId'])
export class UserBlock {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  blockerId: string;

  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  blockedId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
