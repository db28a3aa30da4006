import { Check, Column, DeleteDateColumn, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { GoalMetric, GoalStatus, GoalType } from '../goal-metrics';

/**
 * A user's goal: move one metric from `baseline_value` (captured at creation) to
 * `target_value`. `current_value` and `progress_pct` are written by the worker's recompute job
 * (docs/goals.md); values are stored in kg, % or sessions per week.
 */
@Entity('goals')
// GET /goals, newest first, with or without a status filter; the recompute job's active goals.
@Index('IDX_goals_user_created', ['userId', 'createdAt', 'id'])
@Index('IDX_goals_user_status_created', ['userId', 'status', 'createdAt', 'id'])
// Backs the RESTRICT foreign key to exercises.
@Index('IDX_goals_exercise', ['exerciseId'], { where: '"exercise_id" IS NOT NULL' })
@Check('CHK_goals_exercise', `("type" = 'strength') = ("exercise_id" IS NOT NULL)`)
export class Goal extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'enum', enum: GoalType, enumName: 'goal_type' })
  type: GoalType;

  @Column({ type: 'enum', enum: GoalMetric, enumName: 'goal_metric' })
  metric: GoalMetric;

  /** Strength goals only. RESTRICT: exercises are soft-deleted, so goals keep pointing at them. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('exercises', { onDelete: 'RESTRICT' })
  exerciseId: string | null;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  /** numeric keeps exact decimals; the pg driver returns strings, converted in the DTO. */
  @Column({ type: 'numeric', precision: 10, scale: 3 })
  targetValue: string;

  @Column({ type: 'numeric', precision: 10, scale: 3 })
  baselineValue: string;

  /** Null until there is data (e.g. a strength goal on an exercise never trained). */
  @Column({ type: 'numeric', precision: 10, scale: 3, nullable: true })
  currentValue: string | null;

  /** 0–100, from baseline to target (goal-progress.ts). */
  @Column({ type: 'numeric', precision: 5, scale: 2, default: 0 })
  progressPct: string;

  @Column({ type: 'enum', enum: GoalStatus, enumName: 'goal_status', default: GoalStatus.Active })
  status: GoalStatus;

  /** A calendar date, informative only: a missed deadline does not change the status. */
  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  achievedAt: Date | null;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt: Date | null;
}
