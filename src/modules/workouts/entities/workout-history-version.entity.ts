import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * A counter of changes to a user's completed sessions: bumped in the transaction of every
 * completion, redate and deletion of a completed workout and of every import, beside the event
 * that announces it. Read models built from the history (the analytics rollups) keep the
 * version they were built from and compare it with this one in O(1) (docs/analytics.md,
 * "Freshness"). No row: no change yet (version 0).
 */
@Entity('workout_history_versions')
export class WorkoutHistoryVersion {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  /** bigint: the driver answers it as a string. */
  @Column({ type: 'bigint' })
  version: string;
}
