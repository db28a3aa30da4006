import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * Who may see and join an invite-only challenge (named by its creator at creation or later,
 * POST /challenges/:id/invites). A declined invitation is kept: it opens nothing and is not
 * sent again.
 */
@Entity('challenge_invitations')
// Backs ON DELETE CASCADE from users (challenge_id leads the primary key).
@Index('IDX_challenge_invitations_user', ['userId'])
export class ChallengeInvitation {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('challenges', { onDelete: 'CASCADE' })
  challengeId: string;

  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Declined by the invitee (DELETE /challenges/:id/invitation); null: pending or used. */
  @Column({ type: 'timestamptz', nullable: true })
  declinedAt: Date | null;
}
