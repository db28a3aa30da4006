import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { WorkoutSet } from './workout-set.entity';
import { Workout } from './workout.entity';

/** PostgreSQL enum `personal_record_kind`; docs/workouts.md defines each. */
export enum PersonalRecordKind {
  /** value: the heaviest weight lifted for at least one rep, kg. */
  MaxWeight = 'max_weight',
  /** value: the best estimated one-rep max, kg. */
  BestE1rm = 'best_e1rm',
  /** value: the best weight × reps of one set, kg. */
  BestSetVolume = 'best_set_volume',
  /** value: the most reps at `weight_kg` (0 for body weight). */
  MostRepsAtWeight = 'most_reps_at_weight',
}

/**
 * A record of a session: its best set of a kind beat the best of the user's sessions that
 * ended before it (or is the first of its kind), by the sessions' real dates. Written at
 * completion and kept equal to a chronological replay of the history when a session is logged
 * for an earlier date, moved or deleted (PersonalRecordsRepository.reconcile).
 */
@Entity('personal_records')
// A replayed detection inserts nothing (ON CONFLICT DO NOTHING): one row per workout,
// exercise and kind, and per weight for most_reps_at_weight.
@Index(
  'UQ_personal_records_workout_exercise_kind_weight',
  ['workoutId', 'exerciseId', 'kind', 'weightKg'],
  { unique: true },
)
// A user's records of one exercise, latest first (progress, goals).
@Index('IDX_personal_records_user_exercise_kind', ['userId', 'exerciseId', 'kind', 'achievedAt'])
// Backs the cascade from workout_sets.
@Index('IDX_personal_records_set', ['setId'])
export class PersonalRecord extends BaseEntity {
  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  exerciseId: string;

  @Column({ type: 'uuid' })
  workoutId: string;

  @ManyToOne(() => Workout, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workout_id' })
  workout?: Relation<Workout>;

  /** The set that made the record. */
  @Column({ type: 'uuid' })
  setId: string;

  @ManyToOne(() => WorkoutSet, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'set_id' })
  set?: Relation<WorkoutSet>;

  @Column({ type: 'enum', enum: PersonalRecordKind, enumName: 'personal_record_kind' })
  kind: PersonalRecordKind;

  /** kg for the weight kinds, a rep count for most_reps_at_weight. */
  @Column({ type: 'numeric', precision: 10, scale: 3 })
  value: string;

  /** The record set's weight (0 for body weight) and reps. */
  @Column({ type: 'numeric', precision: 7, scale: 3 })
  weightKg: string;

  @Column({ type: 'smallint' })
  reps: number;

  /** The best of the sessions before this one; null when this is the first of its kind. */
  @Column({ type: 'numeric', precision: 10, scale: 3, nullable: true })
  previousValue: string | null;

  /** The session's real end (its completed_at), the records' chronological order. */
  @Column({ type: 'timestamptz' })
  achievedAt: Date;
}
