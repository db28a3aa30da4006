import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, Relation } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { TemplateExercise } from './template-exercise.entity';
import { Template } from './template.entity';

/** One training day of a template, in order (`position` from 0). */
@Entity('template_days')
// Loads a template's days in order, and backs the foreign key.
@Index('UQ_template_days_template_position', ['templateId', 'position'], { unique: true })
export class TemplateDay extends BaseEntity {
  @Column({ type: 'uuid' })
  templateId: string;

  @ManyToOne(() => Template, (template) => template.days, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'template_id' })
  template?: Relation<Template>;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  notes: string | null;

  @OneToMany(() => TemplateExercise, (exercise) => exercise.day)
  exercises?: TemplateExercise[];
}
