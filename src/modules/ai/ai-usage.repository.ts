import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, MoreThanOrEqual, Repository } from 'typeorm';
import type { AiOperation } from './ai-usage.types';
import { AiUsage } from './entities/ai-usage.entity';

export type AiUsageRecord = Omit<AiUsage, 'id' | 'createdAt' | 'user'>;

@Injectable()
export class AiUsageRepository {
  constructor(@InjectRepository(AiUsage) private readonly usage: Repository<AiUsage>) {}

  /**
   * Append-only and never read back: a plain INSERT, without the builder's RETURNING of the
   * generated id and timestamp (this runs once per AI call, on the worker's hot path).
   */
  async record(row: AiUsageRecord): Promise<void> {
    await this.usage.query(
      `INSERT INTO ai_usage
         (user_id, operation, provider, model, prompt_tokens, completion_tokens, latency_ms, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        row.userId,
        row.operation,
        row.provider,
        row.model,
        row.promptTokens,
        row.completionTokens,
        row.latencyMs,
        row.outcome,
      ],
    );
  }

  /**
   * Requests of one operation answered for a user since a time: each request has exactly one
   * answering row (outcome 'success' or 'fallback'), failed remote attempts are not counted.
   * Uses IDX_ai_usage_user_id_created_at.
   */
  countAnsweredSince(userId: string, operation: AiOperation, since: Date): Promise<number> {
    return this.usage.countBy({
      userId,
      createdAt: MoreThanOrEqual(since),
      operation,
      outcome: In(['success', 'fallback']),
    });
  }
}
