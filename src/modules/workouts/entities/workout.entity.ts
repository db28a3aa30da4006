import { Column, Entity, ForeignKey, Index, OneToMany } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { WorkoutStatus } from '../workout-state';
import { WorkoutExercise } from './workout-exercise.entity';

/**
 * One training session. Timestamps follow the state machine (workout-state.ts); the totals
 * are computed once, at completion. `version` is bumped by every change to the workout or
 * to its exercises and sets, for optimistic concurrency (docs/workouts.md).
 */
@Entity('workouts')
// The history (GET /workouts): newest first on (session_at, id), optionally by status.
@Index('IDX_workouts_user_session', ['userId', 'sessionAt', 'id'])
@Index('IDX_workouts_user_status_session', ['userId', 'status', 'sessionAt', 'id'])
// The last completed session of a template day (progression), newest first.
@Index(
  'IDX_workouts_user_template_day_completed',
  ['userId', 'templateId', 'templateDayIndex', 'sessionAt', 'id'],
  { where: `"status" = 'completed' AND "template_id" IS NOT NULL` },
)
// Backs ON DELETE SET NULL when a template row goes (its owner's account is deleted).
// Admin figures: workouts per day (docs/admin.md).
@Index('IDX_workouts_created_at', ['createdAt'])
@Index('IDX_workouts_template', ['templateId'], { where: '"template_id" IS NOT NULL' })
export class Workout extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({
    type: 'enum',
    enum: WorkoutStatus,
    enumName: 'workout_status',
    default: WorkoutStatus.Planned,
  })
  status: WorkoutStatus;

  /** The template it was created from; the session keeps its copy if the template goes. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('templates', { onDelete: 'SET NULL' })
  templateId: string | null;

  /** Which day of the template (0-based). */
  @Column({ type: 'smallint', nullable: true })
  templateDayIndex: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  scheduledFor: Date | null;

  /**
   * When the session is held, the history's order and range: scheduled_for (or the creation
   * instant) while planned, started_at once started. Kept by the service.
   */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  sessionAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  /** Start of the current pause; null unless paused. */
  @Column({ type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  /** Pauses already ended, in whole seconds; they do not count towards the duration. */
  @Column({ type: 'int', default: 0 })
  pausedSeconds: number;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  abandonedAt: Date | null;

  /** Ended minus started minus paused, set when the workout is completed or abandoned. */
  @Column({ type: 'int', nullable: true })
  durationSeconds: number | null;

  /** Σ weight × reps of the completed working (non warm-up) sets; set at completion. */
  @Column({ type: 'numeric', precision: 12, scale: 3, nullable: true })
  totalVolumeKg: string | null;

  /** Completed working sets; set at completion. */
  @Column({ type: 'int', nullable: true })
  totalSets: number | null;

  /** Reps of the completed working sets; set at completion. */
  @Column({ type: 'int', nullable: true })
  totalReps: number | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** Bumped by SQL (`version = version + 1`) in every write of the workout or its content. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @OneToMany(() => WorkoutExercise, (exercise) => exercise.workout)
  exercises?: WorkoutExercise[];
}
