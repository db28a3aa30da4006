import { Column, DeleteDateColumn, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import {
  Equipment,
  ExerciseCategory,
  ExerciseForce,
  ExerciseLevel,
  ExerciseMechanic,
  Muscle,
} from '../../training/exercise-attributes.vocabulary';
import { ExerciseSource, ExerciseStatus } from '../exercise.vocabulary';

/**
 * An exercise of the library. Muscles, equipment, category, level, force and mechanic are
 * enums, so filters are exact and indexable. Soft-deleted, so history that references an
 * exercise stays intact.
 */
@Entity('exercises')
@Index('IDX_exercises_equipment', ['equipment'])
@Index('IDX_exercises_category', ['category'])
@Index('IDX_exercises_level', ['level'])
@Index('IDX_exercises_status', ['status'])
// Alphabetical pages (GET /exercises) read the index in order instead of sorting everything.
@Index('IDX_exercises_name', ['name', 'id'])
// The review queue: pending exercises, oldest first.
@Index('IDX_exercises_pending', ['createdAt', 'id'], {
  where: `status = 'pending' AND deleted_at IS NULL`,
})
// Created in the migration (TypeORM cannot express them): GIN over the muscle arrays,
// full-text over name + instructions, trigram over the name (typo-tolerant search).
@Index('IDX_exercises_primary_muscles', { synchronize: false })
@Index('IDX_exercises_secondary_muscles', { synchronize: false })
@Index('IDX_exercises_search', { synchronize: false })
@Index('IDX_exercises_name_trgm', { synchronize: false })
export class Exercise extends BaseEntity {
  /** Stable key: the data set's id for library exercises. */
  @Index('UQ_exercises_slug', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  slug: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'enum', enum: ExerciseForce, enumName: 'exercise_force', nullable: true })
  force: ExerciseForce | null;

  @Column({ type: 'enum', enum: ExerciseLevel, enumName: 'exercise_level' })
  level: ExerciseLevel;

  @Column({ type: 'enum', enum: ExerciseMechanic, enumName: 'exercise_mechanic', nullable: true })
  mechanic: ExerciseMechanic | null;

  @Column({ type: 'enum', enum: Equipment, enumName: 'equipment', nullable: true })
  equipment: Equipment | null;

  @Column({ type: 'enum', enum: ExerciseCategory, enumName: 'exercise_category' })
  category: ExerciseCategory;

  @Column({ type: 'enum', enum: Muscle, enumName: 'muscle', array: true })
  primaryMuscles: Muscle[];

  /** No column default: TypeORM cannot render one for enum arrays; every insert sets it. */
  @Column({ type: 'enum', enum: Muscle, enumName: 'muscle', array: true })
  secondaryMuscles: Muscle[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  instructions: string[];

  /** The instructions as one text, for the full-text index (array_to_string is not immutable). */
  @Column({ type: 'text', default: '' })
  instructionsText: string;

  @Column({ type: 'enum', enum: ExerciseSource, enumName: 'exercise_source' })
  source: ExerciseSource;

  @Column({
    type: 'enum',
    enum: ExerciseStatus,
    enumName: 'exercise_status',
    default: ExerciseStatus.Approved,
  })
  status: ExerciseStatus;

  @Index('IDX_exercises_created_by')
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('users', { onDelete: 'SET NULL' })
  createdById: string | null;

  /** Who approved or rejected a user-made exercise, when, and why (shown to its creator). */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('users', { onDelete: 'SET NULL' })
  reviewedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reviewNote: string | null;

  /**
   * Votes and their sum, kept in step with exercise_ratings in the rating transaction, so
   * ranking by Bayesian average needs no aggregation over the votes.
   */
  @Column({ type: 'int', default: 0 })
  ratingCount: number;

  @Column({ type: 'int', default: 0 })
  ratingSum: number;

  @DeleteDateColumn({ type: 'timestamptz' })
  deletedAt: Date | null;
}
