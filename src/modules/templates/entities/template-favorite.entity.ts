import { Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { Template } from './template.entity';

/** A user's bookmark of a template. One per (user, template): favouriting is idempotent. */
@Entity('template_favorites')
// "Is it my favourite?" lookups and the favourites filter of GET /templates.
@Index('UQ_template_favorites_user_template', ['userId', 'templateId'], { unique: true })
// Backs the cascade when a template row is removed for good (its owner's account is deleted).
@Index('IDX_template_favorites_template', ['templateId'])
export class TemplateFavorite extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'uuid' })
  templateId: string;

  @ManyToOne(() => Template, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'template_id' })
  template?: Relation<Template>;
}
