import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * When a user's recommendations are next computed. A domain event moves `dueAt` to at most the
 * debounce delay from now (several events in a burst: one computation); a computation sets it
 * a day ahead (the daily refresh). The recurring tick claims due rows (FOR UPDATE SKIP LOCKED).
 */
@Entity('recommendation_schedules')
@Index('IDX_recommendation_schedules_due', ['dueAt'])
export class RecommendationSchedule {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  computedAt: Date | null;
}
