import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { RecommendationKind } from '../recommendation-kinds';

/** A kind + subject kept out of the recommendations until `until` (after feedback). */
@Entity('recommendation_cooldowns')
export class RecommendationCooldown {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  kind: RecommendationKind;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  subject: string;

  @Column({ type: 'timestamptz' })
  until: Date;
}
