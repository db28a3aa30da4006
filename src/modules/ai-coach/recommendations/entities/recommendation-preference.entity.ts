import { Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { RecommendationKind } from '../recommendation-kinds';

/** A user's Beta(α, β) preference for a kind of recommendation (kind-preference.ts). */
@Entity('recommendation_preferences')
export class RecommendationPreference {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  kind: RecommendationKind;

  @Column({ type: 'double precision' })
  alpha: number;

  @Column({ type: 'double precision' })
  beta: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
