import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { Goal } from './goal.entity';

/**
 * A milestone (25, 50, 75 or 100 % of the way) the first time a goal's progress reached it.
 * Rows are immutable: progress that falls back does not remove one.
 */
@Entity('goal_milestones')
// Each milestone once per goal, whoever inserts it (ON CONFLICT DO NOTHING); also the index of
// "milestones of a goal".
@Index('UQ_goal_milestones_goal_percent', ['goalId', 'percent'], { unique: true })
@Check('CHK_goal_milestones_percent', '"percent" IN (25, 50, 75, 100)')
export class GoalMilestone extends BaseEntity {
  @Column({ type: 'uuid' })
  goalId: string;

  @ManyToOne(() => Goal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'goal_id' })
  goal?: Relation<Goal>;

  @Column({ type: 'smallint' })
  percent: number;

  /** The goal's current value when the milestone was reached (kg, % or sessions per week). */
  @Column({ type: 'numeric', precision: 10, scale: 3 })
  value: string;

  @Column({ type: 'timestamptz' })
  reachedAt: Date;
}
