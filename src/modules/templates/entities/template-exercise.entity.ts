import {
  Column,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  Relation,
} from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { ProgressionRule } from '../../training/progression-rule.vocabulary';
import { TemplateDay } from './template-day.entity';
import { TemplateSet } from './template-set.entity';

/** An exercise of a template day, in order, with its set prescriptions and progression rule. */
@Entity('template_exercises')
@Index('UQ_template_exercises_day_position', ['dayId', 'position'], { unique: true })
export class TemplateExercise extends BaseEntity {
  @Column({ type: 'uuid' })
  dayId: string;

  @ManyToOne(() => TemplateDay, (day) => day.exercises, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'day_id' })
  day?: Relation<TemplateDay>;

  @Column({ type: 'smallint' })
  position: number;

  /** RESTRICT: exercises are soft-deleted, so templates keep pointing at them. */
  @Index('IDX_template_exercises_exercise')
  @Column({ type: 'uuid' })
  @ForeignKey('exercises', { onDelete: 'RESTRICT' })
  exerciseId: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  notes: string | null;

  /** NULL means no progression (`{ type: 'none' }` in the API). */
  @Column({ type: 'jsonb', nullable: true })
  progression: ProgressionRule | null;

  @OneToMany(() => TemplateSet, (set) => set.templateExercise)
  sets?: TemplateSet[];
}
