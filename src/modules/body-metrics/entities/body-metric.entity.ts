import { Check, Column, Entity, ForeignKey, Index, ValueTransformer } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';

/** numeric keeps exact decimals; the pg driver returns it as a string, read back as a number. */
const decimal: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

const measurement = (precision: number, scale: number) =>
  Column({ type: 'numeric', precision, scale, nullable: true, transformer: decimal });

/**
 * One body reading at an instant: any of weight, body fat and circumferences, stored in kg,
 * % and cm (users send and read their own units, converted at the edge). A user has at most
 * one reading per instant: a second POST for the same instant is a retry or a duplicate, and
 * answers 409 with the existing reading's id. The unique index is also the index of every
 * read path (list by time, daily values per metric), all per user and by time.
 */
@Entity('body_metrics')
@Index('UQ_body_metrics_user_measured', ['userId', 'measuredAt'], { unique: true })
@Check(
  'CHK_body_metrics_measured',
  'num_nonnulls("weight_kg", "body_fat_pct", "waist_cm", "chest_cm", "hips_cm", "neck_cm", "arm_cm", "thigh_cm") > 0',
)
export class BodyMetric extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'timestamptz' })
  measuredAt: Date;

  /** To the gram: pounds convert to three decimals of a kilogram and round-trip exactly. */
  @measurement(6, 3)
  weightKg: number | null;

  @measurement(5, 2)
  bodyFatPct: number | null;

  /** Circumferences to the tenth of a millimetre (inches convert to two decimals of a cm). */
  @measurement(5, 2)
  waistCm: number | null;

  @measurement(5, 2)
  chestCm: number | null;

  @measurement(5, 2)
  hipsCm: number | null;

  @measurement(5, 2)
  neckCm: number | null;

  /** Upper arm. */
  @measurement(5, 2)
  armCm: number | null;

  @measurement(5, 2)
  thighCm: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;
}
