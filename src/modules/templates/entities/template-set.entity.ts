import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { SET_TYPE_ENUM, SetType } from '../../training/set-type.vocabulary';
import { TemplateExercise } from './template-exercise.entity';

/**
 * One prescribed set. Reps are a range (equal bounds for fixed reps); the load is either an
 * absolute weight or a percentage of the estimated one-rep max, the effort either an RPE or a
 * RIR target. The checks repeat the DTO rules so no other writer can break them.
 */
@Entity('template_sets')
@Index('UQ_template_sets_exercise_position', ['templateExerciseId', 'position'], { unique: true })
@Check('CHK_template_sets_reps', '"reps_min" >= 1 AND "reps_min" <= "reps_max"')
@Check('CHK_template_sets_one_load', '"weight_kg" IS NULL OR "percent_e1rm" IS NULL')
@Check('CHK_template_sets_one_effort', '"rpe_target" IS NULL OR "rir_target" IS NULL')
export class TemplateSet extends BaseEntity {
  @Column({ type: 'uuid' })
  templateExerciseId: string;

  @ManyToOne(() => TemplateExercise, (exercise) => exercise.sets, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'template_exercise_id' })
  templateExercise?: Relation<TemplateExercise>;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'enum', enum: SetType, enumName: SET_TYPE_ENUM, default: SetType.Normal })
  setType: SetType;

  @Column({ type: 'smallint' })
  repsMin: number;

  @Column({ type: 'smallint' })
  repsMax: number;

  /**
   * numeric keeps exact decimals (grams, as workout sets: a pound author's 135 lb is 61.235 kg);
   * the pg driver returns strings, converted in the DTO.
   */
  @Column({ type: 'numeric', precision: 7, scale: 3, nullable: true })
  weightKg: string | null;

  @Column({ type: 'numeric', precision: 5, scale: 2, nullable: true })
  percentE1rm: string | null;

  @Column({ type: 'numeric', precision: 3, scale: 1, nullable: true })
  rpeTarget: string | null;

  @Column({ type: 'smallint', nullable: true })
  rirTarget: number | null;

  @Column({ type: 'smallint' })
  restSeconds: number;
}
