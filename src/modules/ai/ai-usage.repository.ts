import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, MoreThanOrEqual, Repository } from 'typeorm';
import { MicroBatcher } from '../../common/async/micro-batcher';
import type { AiOperation } from './ai-usage.types';
import { AiUsage } from './entities/ai-usage.entity';

export type AiUsageRecord = Omit<AiUsage, 'id' | 'createdAt' | 'user'>;

/** The most rows per INSERT (a worker runs JOB_CONCURRENCY, 16 by default, jobs at once). */
const RECORD_BATCH = 64;

@Injectable()
export class AiUsageRepository {
  private readonly records = new MicroBatcher<AiUsageRecord, void>({
    run: (rows) => this.recordAll(rows),
    maxBatch: RECORD_BATCH,
  });

  constructor(@InjectRepository(AiUsage) private readonly usage: Repository<AiUsage>) {}

  /**
   * Append-only and never read back: a plain INSERT, without the builder's RETURNING of the
   * generated id and timestamp (this runs once per AI call, on the worker's hot path). The
   * rows of calls made at once go as one INSERT (recordAll).
   */
  record(row: AiUsageRecord): Promise<void> {
    return this.records.load(row);
  }

  private async recordAll(rows: AiUsageRecord[]): Promise<void[]> {
    await this.usage.query(
      `INSERT INTO ai_usage
         (user_id, operation, provider, model, prompt_tokens, completion_tokens, latency_ms, outcome)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(user_id uuid, operation text,
         provider text, model text, prompt_tokens int, completion_tokens int, latency_ms int,
         outcome text)`,
      [
        JSON.stringify(
          rows.map((row) => ({
            user_id: row.userId,
            operation: row.operation,
            provider: row.provider,
            model: row.model,
            prompt_tokens: row.promptTokens,
            completion_tokens: row.completionTokens,
            latency_ms: row.latencyMs,
            outcome: row.outcome,
          })),
        ),
      ],
    );
    return rows.map(() => undefined);
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
