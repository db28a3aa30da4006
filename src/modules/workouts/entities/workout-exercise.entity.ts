import {
  Column,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  type Relation,
} from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { ProgressionRule } from '../../training/progression-rule.vocabulary';
import type { ProgressionStep } from '../progression';
import { WorkoutSet } from './workout-set.entity';
import { Workout } from './workout.entity';

/**
 * An exercise of a session. An exercise appears at most once per workout (the routes address
 * it by its exercise id); `position` orders them, contiguous from 0.
 */
@Entity('workout_exercises')
@Index('UQ_workout_exercises_workout_exercise', ['workoutId', 'exerciseId'], { unique: true })
// Backs the RESTRICT foreign key should an exercise row ever be removed for good.
@Index('IDX_workout_exercises_exercise', ['exerciseId'])
export class WorkoutExercise extends BaseEntity {
  @Column({ type: 'uuid' })
  workoutId: string;

  @ManyToOne(() => Workout, (workout) => workout.exercises, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workout_id' })
  workout?: Relation<Workout>;

  /** RESTRICT: exercises are soft-deleted, so history keeps pointing at them. */
  @Column({ type: 'uuid' })
  @ForeignKey('exercises', { onDelete: 'RESTRICT' })
  exerciseId: string;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  notes: string | null;

  /** Copied from the template exercise, for whoever plans the next session; null if none. */
  @Column({ type: 'jsonb', nullable: true })
  progression: ProgressionRule | null;

  /**
   * What the rule did to this session's loads (progression.ts): the answer explains it, and
   * the next session of the template day chains from it. Null without a rule.
   */
  @Column({ type: 'jsonb', nullable: true })
  progressionStep: ProgressionStep | null;

  @OneToMany(() => WorkoutSet, (set) => set.workoutExercise)
  sets?: WorkoutSet[];
}
