import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../../common/database/base.entity';
import type { Features } from '../recommendation-rules';
import {
  RecommendationFeedback,
  RecommendationKind,
  RecommendationState,
} from '../recommendation-kinds';

/**
 * One recommendation (GET /ai/recommendations), stored with the features that produced it.
 * At most one `active` row per user, kind and subject (UQ_recommendations_active_subject): a
 * recomputation refreshes it in place (same id, so feedback keeps its target) or resolves it.
 */
@Entity('recommendations')
@Index('UQ_recommendations_active_subject', ['userId', 'kind', 'subject'], {
  unique: true,
  where: `"state" = 'active'`,
})
@Index('IDX_recommendations_user_active_score', ['userId', 'score', 'id'], {
  where: `"state" = 'active'`,
})
@Index('IDX_recommendations_user_created', ['userId', 'createdAt', 'id'])
export class Recommendation extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'varchar', length: 40 })
  kind: RecommendationKind;

  @Column({ type: 'varchar', length: 100 })
  subject: string;

  @Column({ type: 'varchar', length: 40, default: RecommendationState.Active })
  state: RecommendationState;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  message: string;

  /** The rule's priority (0–1) times the user's preference weight for the kind. */
  @Column({ type: 'double precision' })
  score: number;

  @Column({ type: 'double precision' })
  priority: number;

  @Column({ type: 'jsonb' })
  features: Features;

  @Column({ type: 'jsonb' })
  sources: string[];

  /** The instant the features were computed for (the last refresh). */
  @Column({ type: 'timestamptz' })
  computedAt: Date;

  @Column({ type: 'varchar', length: 20, nullable: true })
  feedback: RecommendationFeedback | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  feedbackReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  feedbackAt: Date | null;

  /** When it left the current list (resolved, dismissed or done). */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
