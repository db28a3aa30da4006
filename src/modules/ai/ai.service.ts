import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { AiMetrics } from './ai-metrics';
import type { AiCallOutcome, AiOperation } from './ai-usage.types';
import { AiUsageRepository } from './ai-usage.repository';
import type { SummaryNarrative, SummaryNarrativeRequest } from './ai.vocabulary';
import { NoteAnalyzer } from './note-analyzer';
import { BreakerOpenError, OpenAiCircuitBreaker } from './openai-circuit-breaker';
import { LocalNarrativeProvider } from './providers/local-narrative.provider';
import type { NarrativeInput, ProviderAnswer } from './providers/narrative-provider';
import { OpenAiNarrativeProvider } from './providers/openai-narrative.provider';
import { ProviderError } from './providers/provider-error';

const OPERATION: AiOperation = 'summary';

/**
 * The one entry point of the AI layer. Picks the configured provider (AI_PROVIDER), falls
 * back to the local provider when the remote one fails or its breaker is open, and meters
 * every call. It never throws because a provider failed: the local provider always answers.
 * (A metering insert that fails does throw: the caller's job retries, as for any DB error.)
 *
 * Metering (`ai_usage`), one row per provider call that was made:
 * - AI_PROVIDER=local: one row, provider 'local', outcome 'success'.
 * - openai answers: one row, provider 'openai', outcome 'success', tokens summed over attempts.
 * - openai fails (after its retries): one row, provider 'openai', outcome 'error' | 'timeout' |
 *   'invalid' (of the last attempt), with the tokens the attempts reported; then one row
 *   provider 'local', outcome 'fallback'.
 * - breaker open: the remote is not called, so no openai row (the metric counts
 *   rejected_open); one row provider 'local', outcome 'fallback'.
 * So each request has exactly one answering row ('success' or 'fallback'), which is what
 * AiUsageRepository.countAnsweredSince counts. Latency is wall time, retries included.
 */
@Injectable()
export class AiService {
  private readonly logger = new Logger(AiService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly analyzer: NoteAnalyzer,
    private readonly local: LocalNarrativeProvider,
    private readonly remote: OpenAiNarrativeProvider,
    private readonly breaker: OpenAiCircuitBreaker,
    private readonly usage: AiUsageRepository,
    private readonly metrics: AiMetrics,
  ) {}

  async writeSummaryNarrative(request: SummaryNarrativeRequest): Promise<SummaryNarrative> {
    const insights = this.analyzer.analyze(request.notes);
    const input: NarrativeInput = { stats: request.stats, notes: request.notes, insights };

    if (this.config.ai.provider === 'openai') {
      const answer = await this.callRemote(request.userId, input);
      if (answer) {
        return {
          ...answer,
          notes: insights,
          provider: 'openai',
          model: this.remote.model,
          fellBack: false,
        };
      }
      const fallback = await this.callLocal(request.userId, input, 'fallback');
      return {
        ...fallback,
        notes: insights,
        provider: 'local',
        model: this.local.model,
        fellBack: true,
      };
    }

    const answer = await this.callLocal(request.userId, input, 'success');
    return {
      ...answer,
      notes: insights,
      provider: 'local',
      model: this.local.model,
      fellBack: false,
    };
  }

  /**
   * Meters an analysis FitAI computes itself, without a model provider (form analysis from
   * pose keypoints): one row, provider 'local', outcome 'success', no tokens, `model` naming
   * the rules' version. It is not a provider call, so the provider metrics do not count it.
   */
  async meterLocalAnalysis(
    userId: string,
    operation: Exclude<AiOperation, 'summary'>,
    model: string,
    latencyMs: number,
  ): Promise<void> {
    await this.usage.record({
      userId,
      operation,
      provider: 'local',
      model,
      promptTokens: null,
      completionTokens: null,
      latencyMs,
      outcome: 'success',
    });
  }

  /** The remote answer, or null after recording why there is none. */
  private async callRemote(
    userId: string,
    input: NarrativeInput,
  ): Promise<{ narrative: string; highlights: string[] } | null> {
    const started = Date.now();
    try {
      const answer = await this.breaker.fire(input);
      await this.meter(userId, 'openai', this.remote.model, 'success', started, answer);
      return { narrative: answer.narrative, highlights: answer.highlights };
    } catch (error) {
      if (error instanceof BreakerOpenError) {
        this.metrics.recordCall('openai', 'rejected_open');
        return null;
      }
      const failure =
        error instanceof ProviderError
          ? error
          : new ProviderError('error', (error as Error)?.message ?? String(error));
      this.logger.warn(
        {
          userId,
          failure: failure.failure,
          status: failure.options.status,
          reason: failure.message,
        },
        'remote AI provider failed; falling back to the local provider',
      );
      await this.meter(userId, 'openai', this.remote.model, failure.failure, started, failure);
      return null;
    }
  }

  private async callLocal(
    userId: string,
    input: NarrativeInput,
    outcome: 'success' | 'fallback',
  ): Promise<{ narrative: string; highlights: string[] }> {
    const started = Date.now();
    const answer = await this.local.write(input);
    await this.meter(userId, 'local', this.local.model, outcome, started, answer);
    return { narrative: answer.narrative, highlights: answer.highlights };
  }

  private async meter(
    userId: string,
    provider: 'local' | 'openai',
    model: string,
    outcome: AiCallOutcome,
    started: number,
    result: Pick<ProviderAnswer, 'usage'>,
  ): Promise<void> {
    const latencyMs = Date.now() - started;
    this.metrics.recordCall(provider, outcome, latencyMs);
    await this.usage.record({
      userId,
      operation: OPERATION,
      provider,
      model,
      promptTokens: result.usage?.promptTokens ?? null,
      completionTokens: result.usage?.completionTokens ?? null,
      latencyMs,
      outcome,
    });
  }
}
