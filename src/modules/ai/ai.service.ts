import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { JsonCache } from '../../infrastructure/cache/json-cache';
import { aiCacheKey, AiCacheSpec } from './ai-answer-cache';
import { readChecked } from './ai-stream';
import { AiMetrics } from './ai-metrics';
import { AiQuotaService } from './ai-quota.service';
import type { AiCallOutcome, AiOperation, AiProviderName } from './ai-usage.types';
import { AiUsageRepository } from './ai-usage.repository';
import type {
  AiFeature,
  AiProvenance,
  SummaryNarrative,
  SummaryNarrativeRequest,
} from './ai.vocabulary';
import { NoteAnalyzer } from './note-analyzer';
import { BreakerOpenError, OpenAiCircuitBreaker } from './openai-circuit-breaker';
import { LocalNarrativeProvider } from './providers/local-narrative.provider';
import type { NarrativeInput, TokenUsage } from './providers/narrative-provider';
import { ChatAnswer, ChatRequest, OpenAiChatClient } from './providers/openai-chat.client';
import type { ChatMessage } from './providers/openai-prompt';
import { OpenAiNarrativeProvider } from './providers/openai-narrative.provider';
import { ProviderError } from './providers/provider-error';

export type { ChatRequest } from './providers/openai-chat.client';
export type { ChatMessage } from './providers/openai-prompt';

/**
 * One AI task of a feature: how the built-in local provider answers (always possible, no
 * network), and, when AI_PROVIDER=openai, the structured question for the remote model whose
 * `parse` validates the answer (throwing makes it invalid: retried, then the local answer).
 */
export interface AiTask<T> {
  userId: string;
  feature: AiFeature;
  /** The local provider's model name for the ledger, e.g. 'fitai-plan-rules-1'. */
  localModel: string;
  local: () => T | Promise<T>;
  /** Built only when the remote provider is configured; absent: the feature is local-only. */
  remote?: () => ChatRequest<T>;
  /** Declares the task cacheable (see AiCacheSpec); absent: always computed. */
  cache?: AiCacheSpec;
  /**
   * The feature's daily quota. 'charge': run() takes a unit for a computed answer (429 when
   * used up) and none for a cached one. `{ takenAt }`: the request took a unit then (features
   * answered in the worker); a cached answer gives it back.
   */
  quota?: 'charge' | { takenAt: Date };
}

export interface AiAnswer<T> extends AiProvenance {
  value: T;
  /** True when answered from the cache (no provider was called, no quota counted). */
  cached?: boolean;
}

/** What a streamed answer shows the client, in order. */
export type AiStreamEvent =
  /** More text of the answer, already checked. */
  | { type: 'delta'; text: string }
  /** The text shown so far is withdrawn: show this instead (the local provider's answer). */
  | { type: 'replace'; text: string; reason: string };

/**
 * A free-text answer that may stream: the local provider's text (always possible), and the
 * remote model's messages with `check`, which throws (with the reason) when a piece of text may
 * not be shown. Text is released sentence by sentence, each checked first.
 */
export interface AiStreamTask extends Omit<AiTask<string>, 'remote'> {
  messages: ChatMessage[];
  check: (text: string) => void;
}

/** What the cache keeps of an answer. */
type CachedAnswer<T> = AiProvenance & { value: T };

/**
 * How one task asks the remote model: `prepare` runs before the call (building the request,
 * outside the breaker, so an error there is the caller's, not the provider's) and returns the
 * call, which resolves with the checked answer or throws (a ProviderError says how it failed).
 */
type RemoteAsk<T> = () => () => Promise<ChatAnswer<T>>;

/**
 * The one entry point of the AI layer, shared by every feature (summaries, the AI coach).
 * Picks the configured provider (AI_PROVIDER), falls back to the local provider when the
 * remote one fails or its breaker is open, and meters every call under its feature. It never
 * throws because a provider failed: the local provider always answers. (A metering insert that
 * fails does throw: the caller's job retries, as for any DB error.)
 *
 * Metering (`ai_usage`, `operation` = the feature), one row per provider call that was made:
 * - AI_PROVIDER=local (or a local-only task): one row, provider 'local', outcome 'success'.
 * - openai answers: one row, provider 'openai', outcome 'success', tokens summed over attempts.
 * - openai fails (after its retries): one row, provider 'openai', outcome 'error' | 'timeout' |
 *   'invalid' (of the last attempt), with the tokens the attempts reported; then one row
 *   provider 'local', outcome 'fallback'.
 * - breaker open: the remote is not called, so no openai row (the metric counts
 *   rejected_open); one row provider 'local', outcome 'fallback'.
 * So each request has exactly one answering row ('success' or 'fallback'), which is what
 * AiUsageRepository.countAnsweredSince counts. Latency is wall time, retries included.
 *
 * Caching (PRODUCT.md §10, "Responses are cached where inputs repeat"): a task that declares
 * `cache` is looked up first under aiCacheKey (feature, user, provider, model, schema version,
 * inputs; a task whose cache is `remoteAnswersOnly` only when the remote model is asked); a
 * hit is answered as stored, with no provider call, no metering row and no quota
 * (JsonCache counts hits and misses: fitai_cache_lookups_total{cache="ai-answers"}). A
 * computed answer is stored for AI_CACHE_TTL_SECONDS, unless it fell back (the configured
 * provider may answer next time). Redis failing makes every lookup a miss, never an error.
 */
@Injectable()
export class AiService {
  private readonly logger = new Logger(AiService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly analyzer: NoteAnalyzer,
    private readonly local: LocalNarrativeProvider,
    private readonly narrative: OpenAiNarrativeProvider,
    private readonly chat: OpenAiChatClient,
    private readonly breaker: OpenAiCircuitBreaker,
    private readonly usage: AiUsageRepository,
    private readonly metrics: AiMetrics,
    private readonly cache: JsonCache,
    private readonly quota: AiQuotaService,
  ) {}

  /** True when AI_PROVIDER names a remote model (then tasks with `remote` ask it first). */
  get remoteConfigured(): boolean {
    return this.config.ai.provider === 'openai';
  }

  async writeSummaryNarrative(request: SummaryNarrativeRequest): Promise<SummaryNarrative> {
    const insights = this.analyzer.analyze(request.notes);
    const input: NarrativeInput = { stats: request.stats, notes: request.notes, insights };
    const { value, provider, model, fellBack } = await this.run({
      userId: request.userId,
      feature: 'summary',
      localModel: this.local.model,
      local: async () => {
        const { narrative, highlights } = await this.local.write(input);
        return { narrative, highlights };
      },
      remote: () => this.narrative.request(input),
      cache: { inputs: input, schemaVersion: 'summary-narrative-1', remoteAnswersOnly: true },
      quota: request.quotaTakenAt ? { takenAt: request.quotaTakenAt } : undefined,
    });
    return { ...value, notes: insights, provider, model, fellBack };
  }

  /** Runs a task on the configured provider, with the fallback, metering and cache above. */
  run<T>(task: AiTask<T>): Promise<AiAnswer<T>> {
    const remote = task.remote;
    return this.answer(
      task,
      this.remoteConfigured && remote
        ? () => {
            const request = remote();
            return () => this.chat.complete(request);
          }
        : null,
    );
  }

  /**
   * Answers a free-text task as a stream (see the class comment): `emit` gets the checked
   * deltas while the model writes, or the local answer (as a `replace` when text was shown).
   */
  async stream(
    task: AiStreamTask,
    emit: (event: AiStreamEvent) => void,
  ): Promise<AiAnswer<string>> {
    let shown = false;
    const answer = await this.answer(
      task,
      this.remoteConfigured
        ? () => async () =>
            readChecked(await this.chat.stream(task.messages), task.check, (text) => {
              emit({ type: 'delta', text });
              shown = true;
            })
        : null,
    );
    // A streamed remote answer is already shown; any other answer is shown whole now.
    if (answer.provider === 'openai' && !answer.cached) return answer;
    emit(
      shown
        ? { type: 'replace', text: answer.value, reason: 'the model’s answer was withdrawn' }
        : { type: 'delta', text: answer.value },
    );
    return answer;
  }

  /** The one path of `run` and `stream`: cache, quota, then the remote (if any) or local answer. */
  private async answer<T>(
    task: Omit<AiTask<T>, 'remote'>,
    remote: RemoteAsk<T> | null,
  ): Promise<AiAnswer<T>> {
    const ttl = this.config.aiCache.ttlSeconds;
    const spec =
      task.cache && ttl > 0 && (remote || !task.cache.remoteAnswersOnly) ? task.cache : null;
    const key = spec
      ? aiCacheKey({
          feature: task.feature,
          userId: task.userId,
          provider: remote ? 'openai' : 'local',
          model: remote ? this.chat.model : task.localModel,
          spec,
        })
      : null;
    if (key) {
      const hit = await this.cache.get<CachedAnswer<T>>('ai-answers', key);
      if (hit) {
        if (task.quota && task.quota !== 'charge') {
          await this.quota.refund(task.userId, task.feature, task.quota.takenAt);
        }
        return { ...hit, cached: true };
      }
    }
    if (task.quota === 'charge') await this.quota.consume(task.userId, task.feature);
    const answer = await this.compute(task, remote);
    if (key && !answer.fellBack) {
      const stored: CachedAnswer<T> = {
        value: answer.value,
        provider: answer.provider,
        model: answer.model,
        fellBack: answer.fellBack,
      };
      await this.cache.set('ai-answers', key, stored, ttl);
    }
    return answer;
  }

  private async compute<T>(
    task: Omit<AiTask<T>, 'remote'>,
    remote: RemoteAsk<T> | null,
  ): Promise<AiAnswer<T>> {
    if (remote) {
      const answer = await this.callRemote(task, remote());
      if (answer)
        return { value: answer.value, provider: 'openai', model: this.chat.model, fellBack: false };
      const value = await this.callLocal(task, 'fallback');
      return { value, provider: 'local', model: task.localModel, fellBack: true };
    }
    const value = await this.callLocal(task, 'success');
    return { value, provider: 'local', model: task.localModel, fellBack: false };
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
  private async callRemote<T>(
    task: Omit<AiTask<T>, 'remote'>,
    call: () => Promise<ChatAnswer<T>>,
  ): Promise<{ value: T } | null> {
    const started = Date.now();
    try {
      const answer = await this.breaker.fire(call);
      await this.meter(task, 'openai', this.chat.model, 'success', started, answer.usage);
      return { value: answer.value };
    } catch (error) {
      if (error instanceof BreakerOpenError) {
        this.metrics.recordCall('openai', 'rejected_open', task.feature);
        return null;
      }
      const failure =
        error instanceof ProviderError
          ? error
          : new ProviderError('error', (error as Error)?.message ?? String(error));
      this.logger.warn(
        {
          userId: task.userId,
          feature: task.feature,
          failure: failure.failure,
          status: failure.options.status,
          reason: failure.message,
        },
        'remote AI provider failed; falling back to the local provider',
      );
      await this.meter(task, 'openai', this.chat.model, failure.failure, started, failure.usage);
      return null;
    }
  }

  private async callLocal<T>(
    task: Omit<AiTask<T>, 'remote'>,
    outcome: 'success' | 'fallback',
  ): Promise<T> {
    const started = Date.now();
    const value = await task.local();
    await this.meter(task, 'local', task.localModel, outcome, started, null);
    return value;
  }

  private async meter(
    task: Pick<AiTask<unknown>, 'userId' | 'feature'>,
    provider: AiProviderName,
    model: string,
    outcome: AiCallOutcome,
    started: number,
    usage: TokenUsage | null,
  ): Promise<void> {
    const latencyMs = Date.now() - started;
    this.metrics.recordCall(provider, outcome, task.feature, latencyMs);
    await this.usage.record({
      userId: task.userId,
      operation: task.feature,
      provider,
      model,
      promptTokens: usage?.promptTokens ?? null,
      completionTokens: usage?.completionTokens ?? null,
      latencyMs,
      outcome,
    });
  }
}
