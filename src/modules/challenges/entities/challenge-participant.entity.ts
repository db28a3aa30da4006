import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ChallengeBadge } from '../challenges.vocabulary';

/**
 * A participant and their progress, kept by the worker's subscribers from the completed
 * workouts inside the window (recomputed whole on every workout event: idempotent).
 */
@Entity('challenge_participants')
// The leaderboard: best progress first, earliest to reach it first (the tie rule).
@Index('IDX_challenge_participants_board', ['challengeId', 'progress', 'reachedAt', 'userId'])
// A user's challenges (`filter=mine`, the subscribers) and the cascade from users.
@Index('IDX_challenge_participants_user', ['userId', 'challengeId'])
export class ChallengeParticipant {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('challenges', { onDelete: 'CASCADE' })
  challengeId: string;

  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  joinedAt: Date;

  /** Workouts, kg, reps or weeks, by the challenge's kind. */
  @Column({ type: 'numeric', precision: 14, scale: 3, default: 0 })
  progress: string;

  /** The end of the last workout that counted: who reached a tied value first ranks first. */
  @Column({ type: 'timestamptz', nullable: true })
  reachedAt: Date | null;

  /** Set by the close job. */
  @Column({ type: 'int', nullable: true })
  finalRank: number | null;

  @Column({ type: 'enum', enum: ChallengeBadge, enumName: 'challenge_badge', nullable: true })
  badge: ChallengeBadge | null;
}
