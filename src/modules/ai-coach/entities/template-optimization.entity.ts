import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import type { ProposedChange } from '../template-optimization';

/**
 * Changes proposed for a template (POST /templates/:id/ai-optimize), kept so the user can
 * apply some of them explicitly later (…/apply), which writes a new version of the template.
 * `templateVersion` pins the structure the changes address: applying them to a template
 * edited since is a 409.
 */
@Entity('template_optimizations')
@Index('IDX_template_optimizations_user_created', ['userId', 'createdAt', 'id'])
@Index('IDX_template_optimizations_template', ['templateId'])
export class TemplateOptimization extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'uuid' })
  @ForeignKey('templates', { onDelete: 'CASCADE' })
  templateId: string;

  @Column({ type: 'int' })
  templateVersion: number;

  @Column({ type: 'int' })
  sessionsAnalysed: number;

  @Column({ type: 'jsonb' })
  changes: ProposedChange[];

  @Column({ type: 'text', array: true, nullable: true })
  appliedChangeIds: string[] | null;

  @Column({ type: 'timestamptz', nullable: true })
  appliedAt: Date | null;

  /** The template version the applied changes made. */
  @Column({ type: 'int', nullable: true })
  appliedVersion: number | null;
}
