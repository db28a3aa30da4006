import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { SET_TYPE_ENUM, SetType } from '../../training/set-type.vocabulary';
import { WorkoutExercise } from './workout-exercise.entity';

/**
 * One set of an exercise in a session: what was planned (from a template) and what was done.
 * `user_id`, `workout_id` and `exercise_id` copy the parents' (they never change for a set),
 * so history and progress queries read this table alone through its indexes.
 */
@Entity('workout_sets')
// Order within the exercise; unique, so two devices adding sets at once cannot collide.
@Index('UQ_workout_sets_exercise_position', ['workoutExerciseId', 'position'], { unique: true })
// Completion totals and the session's side of personal-record detection.
@Index('IDX_workout_sets_workout', ['workoutId'])
// A user's history of one exercise: record comparisons, e1RM for prescriptions, progress.
@Index('IDX_workout_sets_user_exercise_completed', ['userId', 'exerciseId', 'completedAt'])
@Check('CHK_workout_sets_one_effort', '"rpe" IS NULL OR "rir" IS NULL')
@Check('CHK_workout_sets_completed_at', '"completed" = ("completed_at" IS NOT NULL)')
export class WorkoutSet extends BaseEntity {
  @Column({ type: 'uuid' })
  workoutExerciseId: string;

  @ManyToOne(() => WorkoutExercise, (exercise) => exercise.sets, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workout_exercise_id' })
  workoutExercise?: Relation<WorkoutExercise>;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  workoutId: string;

  @Column({ type: 'uuid' })
  exerciseId: string;

  /** Ordering key within the exercise: the next set takes max + 1 (gaps after deletes). */
  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'enum', enum: SetType, enumName: SET_TYPE_ENUM, default: SetType.Normal })
  setType: SetType;

  /** numeric keeps exact decimals; the pg driver returns strings, converted in the DTO. */
  @Column({ type: 'numeric', precision: 7, scale: 3, nullable: true })
  weightKg: string | null;

  @Column({ type: 'smallint', nullable: true })
  reps: number | null;

  @Column({ type: 'numeric', precision: 3, scale: 1, nullable: true })
  rpe: string | null;

  @Column({ type: 'smallint', nullable: true })
  rir: number | null;

  @Column({ type: 'smallint', nullable: true })
  restSeconds: number | null;

  @Column({ type: 'boolean', default: false })
  completed: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  // The prescription, for sets created from a template.

  @Column({ type: 'smallint', nullable: true })
  plannedRepsMin: number | null;

  @Column({ type: 'smallint', nullable: true })
  plannedRepsMax: number | null;

  @Column({ type: 'numeric', precision: 7, scale: 3, nullable: true })
  plannedWeightKg: string | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  plannedPercentE1rm: string | null;

  @Column({ type: 'numeric', precision: 3, scale: 1, nullable: true })
  plannedRpe: string | null;

  @Column({ type: 'smallint', nullable: true })
  plannedRir: number | null;

  /**
   * Estimated one-rep max of the set (one-rep-max.ts), written with the set: only for a
   * completed working set with a weight and 1–15 reps, null otherwise.
   */
  @Column({ type: 'numeric', precision: 7, scale: 2, nullable: true })
  e1rmKg: string | null;
}
