import {
  Column,
  DeleteDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  Relation,
  VersionColumn,
} from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { WeightUnit } from '../../../common/units/weight-unit';
import { Equipment, ExerciseLevel } from '../../training/exercise-attributes.vocabulary';
import { TemplateDay } from './template-day.entity';
import { TemplateGoal, TemplateVisibility } from '../template.vocabulary';

/** Partial-index predicate of the public listings (GET /templates/public, /featured). */
const LISTED = `"visibility" = 'public' AND "deleted_at" IS NULL`;

/**
 * A workout template: days → exercises → set prescriptions (TemplateDay, TemplateExercise,
 * TemplateSet). `daysPerWeek` and `equipment` are derived from the structure on every write so
 * the listings can filter on plain columns. The counters are updated in the same transaction as
 * the favourite, duplicate, rating or use that changes them, by SQL increments that leave
 * `version` alone (version guards the owner's edits only).
 */
@Entity('templates')
@Index('IDX_templates_owner_created', ['ownerId', 'createdAt', 'id'], {
  where: '"deleted_at" IS NULL',
})
@Index('IDX_templates_public_created', ['createdAt', 'id'], { where: LISTED })
@Index('IDX_templates_public_filters', ['goal', 'level', 'daysPerWeek'], { where: LISTED })
@Index('IDX_templates_featured_created', ['createdAt', 'id'], {
  where: `"featured" AND ${LISTED}`,
})
// The Bayesian prior sums the counters of the rated templates only (see TemplatesRepository).
@Index('IDX_templates_rated', ['ratingCount', 'ratingSum'], {
  where: '"rating_count" > 0 AND "deleted_at" IS NULL',
})
// Created in the migration (TypeORM cannot express them): popularity (an expression) and a
// GIN index over the equipment array, both partial on LISTED.
@Index('IDX_templates_public_popularity', { synchronize: false })
@Index('IDX_templates_public_equipment', { synchronize: false })
export class Template extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  ownerId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'enum', enum: TemplateGoal, enumName: 'template_goal' })
  goal: TemplateGoal;

  @Column({ type: 'enum', enum: ExerciseLevel, enumName: 'exercise_level' })
  level: ExerciseLevel;

  @Column({
    type: 'enum',
    enum: TemplateVisibility,
    enumName: 'template_visibility',
    default: TemplateVisibility.Private,
  })
  visibility: TemplateVisibility;

  /** Curated by admins; only listed while the template is public. */
  @Column({ type: 'boolean', default: false })
  featured: boolean;

  /** The template this one was duplicated from; kept when that one is soft-deleted. */
  @Index('IDX_templates_origin', { where: '"origin_template_id" IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  originTemplateId: string | null;

  @ManyToOne(() => Template, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'origin_template_id' })
  originTemplate?: Relation<Template>;

  /**
   * The unit the author wrote the weights and increments in (their preference at the last
   * create or replace). Readers of that unit see them exactly; others converted and rounded to
   * their plates.
   */
  @Column({ type: 'enum', enum: WeightUnit, enumName: 'weight_unit', default: WeightUnit.Kilogram })
  weightUnit: WeightUnit;

  /** Derived: the number of days. */
  @Column({ type: 'smallint' })
  daysPerWeek: number;

  /**
   * Derived: the equipment the exercises need. No column default: TypeORM cannot render one
   * for enum arrays.
   */
  @Column({ type: 'enum', enum: Equipment, enumName: 'equipment', array: true })
  equipment: Equipment[];

  @Column({ type: 'int', default: 0 })
  favoriteCount: number;

  @Column({ type: 'int', default: 0 })
  duplicateCount: number;

  /** Workouts started from the template (TemplatesService.recordUse). */
  @Column({ type: 'int', default: 0 })
  useCount: number;

  @Column({ type: 'int', default: 0 })
  ratingCount: number;

  @Column({ type: 'int', default: 0 })
  ratingSum: number;

  /** Optimistic concurrency for PUT: bumped by every write of the owner's fields. */
  @VersionColumn()
  version: number;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt: Date | null;

  @OneToMany(() => TemplateDay, (day) => day.template)
  days?: TemplateDay[];
}
