import { Check, Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { Template } from './template.entity';

/** A user's 1–5 vote on a template. One per (user, template): voting again replaces it. */
@Entity('template_ratings')
@Index('UQ_template_ratings_user_template', ['userId', 'templateId'], { unique: true })
@Index('IDX_template_ratings_template', ['templateId'])
@Check('CHK_template_ratings_score', '"score" BETWEEN 1 AND 5')
export class TemplateRating extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'uuid' })
  templateId: string;

  @ManyToOne(() => Template, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'template_id' })
  template?: Relation<Template>;

  @Column({ type: 'smallint' })
  score: number;
}
