import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import type { GeneratedPlan, PlanSpec } from '../plan-builder';

export enum GenerationStatus {
  Pending = 'pending',
  Processing = 'processing',
  Completed = 'completed',
  Failed = 'failed',
}

/**
 * One plan generation (POST /ai/workout-generate, POST /templates/ai-generate). The row is the
 * truth, the queued job only its trigger: `spec` is the request with every default resolved,
 * `plan` the validated answer (never stored unless it passed validation), `templateId` the
 * private template it was saved as (when asked to).
 */
@Entity('plan_generations')
@Index('IDX_plan_generations_user_created', ['userId', 'createdAt', 'id'])
@Index('IDX_plan_generations_open_requested', ['status', 'requestedAt'], {
  where: `"status" IN ('pending', 'processing')`,
})
export class PlanGeneration extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({
    type: 'enum',
    enum: GenerationStatus,
    enumName: 'plan_generation_status',
    default: GenerationStatus.Pending,
  })
  status: GenerationStatus;

  @Column({ type: 'jsonb' })
  spec: PlanSpec;

  /** Save the plan as a private template once generated. */
  @Column({ type: 'boolean', default: false })
  saveAsTemplate: boolean;

  @Column({ type: 'jsonb', nullable: true })
  plan: GeneratedPlan | null;

  /** Which provider wrote the plan: 'local' or 'openai' (then `model` names the model). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  provider: 'local' | 'openai' | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  model: string | null;

  /** The remote provider was configured but failed (or its breaker was open): local answered. */
  @Column({ type: 'boolean', default: false })
  fellBack: boolean;

  /** The private template the plan was saved as; NULL once that template is hard-deleted. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('templates', { onDelete: 'SET NULL' })
  templateId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  failureReason: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** When it was requested; also names its job (dedupe). */
  @Column({ type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
