import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * One completed workout, reduced to what the analytics and progress routes add up: its local
 * day and ISO week (in the time zone of the user's rollup state), its counted sets, volume and
 * personal records. A read model kept by the rollup subscribers (docs/analytics.md); no foreign
 * key to `workouts`: a deleted workout leaves with its `workout.deleted` event.
 */
@Entity('analytics_session_rollups')
// Every period read: a user's sessions by local day.
@Index('IDX_analytics_session_rollups_user_day', ['userId', 'localDay'])
// Partial refreshes delete a user's sessions from an instant on.
@Index('IDX_analytics_session_rollups_user_session', ['userId', 'sessionAt'])
export class SessionRollup {
  @PrimaryColumn({ type: 'uuid' })
  workoutId: string;

  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  /** The session's start: the instant it counts at. */
  @Column({ type: 'timestamptz' })
  sessionAt: Date;

  @Column({ type: 'date' })
  localDay: string;

  /** The Monday of the session's ISO week. */
  @Column({ type: 'date' })
  weekStart: string;

  /** Completed working (non warm-up) sets. */
  @Column({ type: 'int' })
  sets: number;

  /** Σ weight × reps of those sets, kg (exact). */
  @Column({ type: 'numeric' })
  volumeKg: string;

  /** Personal records the session holds. */
  @Column({ type: 'int' })
  records: number;
}
