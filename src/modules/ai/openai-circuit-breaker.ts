import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import CircuitBreaker from 'opossum';
import { AppConfig } from '../../config/app-config';
import { AiMetrics, CircuitState } from './ai-metrics';

/** Breaker settings that are not in the environment (tests override the provider). */
export interface BreakerSettings {
  /**
   * Calls within the rolling window before the error percentage may open the breaker.
   * 3: summaries are low-volume, so a larger threshold would rarely be reached in a window,
   * and a remote that failed 3 calls in a row (each already retried) is worth skipping.
   */
  volumeThreshold: number;
  /** The window over which the error percentage is computed. */
  rollingWindowMs: number;
}

export const AI_BREAKER_SETTINGS = Symbol('AI_BREAKER_SETTINGS');
export const DEFAULT_BREAKER_SETTINGS: BreakerSettings = {
  volumeThreshold: 3,
  rollingWindowMs: 60_000,
};

/** Raised instead of calling the remote provider while the breaker is open. */
export class BreakerOpenError extends Error {
  override readonly name = 'BreakerOpenError';
}

/**
 * opossum around the remote provider's whole call (OpenAiChatClient.complete, for any feature) (its retries included): a call that still
 * failed after its retries is one failure. The breaker opens when, within the rolling window,
 * at least `volumeThreshold` calls were made and more than AI_BREAKER_ERROR_PERCENT % of them
 * failed; it stays open for AI_BREAKER_RESET_MS, then lets one trial call through (half-open):
 * success closes it, failure opens it again. opossum's own timeout is off: each HTTP attempt
 * has AI_TIMEOUT_MS. The state is mirrored in `fitai_ai_circuit_state{provider="openai"}`.
 */
@Injectable()
export class OpenAiCircuitBreaker implements OnModuleDestroy {
  private readonly logger = new Logger(OpenAiCircuitBreaker.name);
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;

  constructor(
    config: AppConfig,
    private readonly metrics: AiMetrics,
    @Inject(AI_BREAKER_SETTINGS) settings: BreakerSettings,
  ) {
    this.breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
      name: 'openai',
      timeout: false,
      errorThresholdPercentage: config.ai.breakerErrorPercent,
      resetTimeout: config.ai.breakerResetMs,
      volumeThreshold: settings.volumeThreshold,
      rollingCountTimeout: settings.rollingWindowMs,
      rollingCountBuckets: 10,
      rollingPercentilesEnabled: false,
      enableSnapshots: false,
    });
    this.breaker.on('open', () => this.changed('open'));
    this.breaker.on('halfOpen', () => this.changed('halfOpen'));
    this.breaker.on('close', () => this.changed('closed'));
    if (config.ai.provider === 'openai') metrics.setCircuitState('openai', 'closed');
  }

  get state(): CircuitState {
    return this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'halfOpen' : 'closed';
  }

  /**
   * Runs one remote call (every feature shares the breaker: they share the endpoint); rejects
   * with BreakerOpenError, without calling it, while open.
   */
  async fire<T>(call: () => Promise<T>): Promise<T> {
    try {
      return (await this.breaker.fire(call)) as T;
    } catch (error) {
      if ((error as { code?: string }).code === 'EOPENBREAKER') {
        throw new BreakerOpenError('the circuit breaker of the remote AI provider is open');
      }
      throw error;
    }
  }

  onModuleDestroy(): void {
    this.breaker.shutdown();
  }

  private changed(state: CircuitState): void {
    this.metrics.setCircuitState('openai', state);
    this.logger.warn({ provider: 'openai', state }, `AI circuit breaker ${state}`);
  }
}
