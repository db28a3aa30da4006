import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * How far a user's rollups are: the time zone their days and weeks were cut in, and the
 * version of the user's completed history (workout_history_versions) they were built from
 * (docs/analytics.md, "Freshness"). A read whose version or time zone differs catches the
 * rollups up first.
 */
@Entity('analytics_rollup_states')
export class RollupState {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  /** bigint: the driver answers it as a string. */
  @Column({ type: 'bigint' })
  historyVersion: string;

  @Column({ type: 'timestamptz' })
  refreshedAt: Date;
}
