import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * How far a user's rollups are: the time zone their days and weeks were cut in, and the
 * fingerprint of the completed workouts they were built from (docs/analytics.md, "Freshness").
 * A read whose fingerprint or time zone differs catches the rollups up first.
 */
@Entity('analytics_rollup_states')
export class RollupState {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ type: 'varchar', length: 200 })
  fingerprint: string;

  @Column({ type: 'timestamptz' })
  refreshedAt: Date;
}
