import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * One exercise of one completed workout: its counted sets and volume, and its best set by
 * e1RM (highest e1RM, then heavier, then earlier), for the strength and per-muscle figures.
 */
@Entity('analytics_session_exercise_rollups')
// Per-muscle volume and strength summaries over a period.
@Index('IDX_analytics_session_exercise_rollups_user_day', ['userId', 'localDay'])
// One exercise's sessions (the e1RM series).
@Index('IDX_analytics_session_exercise_rollups_user_exercise_day', [
  'userId',
  'exerciseId',
  'localDay',
])
// Partial refreshes delete a user's sessions from an instant on.
@Index('IDX_analytics_session_exercise_rollups_user_session', ['userId', 'sessionAt'])
export class SessionExerciseRollup {
  @PrimaryColumn({ type: 'uuid' })
  workoutId: string;

  @PrimaryColumn({ type: 'uuid' })
  exerciseId: string;

  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'timestamptz' })
  sessionAt: Date;

  @Column({ type: 'date' })
  localDay: string;

  /** Completed working sets of the exercise. */
  @Column({ type: 'int' })
  sets: number;

  @Column({ type: 'numeric' })
  volumeKg: string;

  /** Working sets with an e1RM. */
  @Column({ type: 'int' })
  e1rmSets: number;

  /** The best set by e1RM; null when no set has one. */
  @Column({ type: 'numeric', nullable: true })
  bestE1rmKg: string | null;

  @Column({ type: 'numeric', nullable: true })
  bestWeightKg: string | null;

  @Column({ type: 'int', nullable: true })
  bestReps: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  bestSetType: string | null;
}
