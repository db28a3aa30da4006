import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { AiCallOutcome, AiOperation, AiProviderName } from '../ai-usage.types';

/**
 * Metering: one row per provider call made for a user (see AiService for exactly when a row
 * is written). Append-only; deleting the user deletes the rows.
 */
@Entity('ai_usage')
@Index('IDX_ai_usage_user_id_created_at', ['userId', 'createdAt'])
// Admin figures: AI usage and cost over a period (docs/admin.md).
@Index('IDX_ai_usage_created_at', ['createdAt'])
export class AiUsage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  /** What the call was for, e.g. 'summary'. */
  @Column({ type: 'varchar', length: 40 })
  operation: AiOperation;

  /** 'local' or 'openai'. */
  @Column({ type: 'varchar', length: 20 })
  provider: AiProviderName;

  @Column({ type: 'varchar', length: 200 })
  model: string;

  /** Tokens reported by the remote API (summed over retries); null when not reported or local. */
  @Column({ type: 'int', nullable: true })
  promptTokens: number | null;

  @Column({ type: 'int', nullable: true })
  completionTokens: number | null;

  /** Wall time of the call, retries and backoff included. */
  @Column({ type: 'int' })
  latencyMs: number;

  /** success | error | invalid | timeout | fallback (local answered for a failed remote). */
  @Column({ type: 'varchar', length: 20 })
  outcome: AiCallOutcome;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
