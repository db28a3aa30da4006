import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from '../../infrastructure/metrics/metrics.service';
import type { AiMetricOutcome, AiOperation, AiProviderName } from './ai-usage.types';

export const CIRCUIT_STATE = { closed: 0, halfOpen: 1, open: 2 } as const;
export type CircuitState = keyof typeof CIRCUIT_STATE;

/**
 * The AI layer's Prometheus metrics, created per MetricsService (per application), so an API
 * and a worker booted in one process each have their own.
 */
@Injectable()
export class AiMetrics {
  /** 0 closed, 1 half-open, 2 open. */
  readonly circuitState: Gauge<'provider'>;
  readonly calls: Counter<'provider' | 'outcome' | 'feature'>;
  readonly callDuration: Histogram<'provider'>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.circuitState = new Gauge({
      name: 'fitai_ai_circuit_state',
      help: 'Circuit breaker state of a remote AI provider: 0 closed, 1 half-open, 2 open',
      labelNames: ['provider'] as const,
      registers,
    });
    this.calls = new Counter({
      name: 'fitai_ai_calls_total',
      help: 'AI provider calls by provider, outcome (success, error, invalid, timeout, fallback, rejected_open) and feature',
      labelNames: ['provider', 'outcome', 'feature'] as const,
      registers,
    });
    this.callDuration = new Histogram({
      name: 'fitai_ai_call_duration_seconds',
      help: 'Duration of AI provider calls (a remote call includes its retries)',
      labelNames: ['provider'] as const,
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60],
      registers,
    });
  }

  setCircuitState(provider: AiProviderName, state: CircuitState): void {
    this.circuitState.set({ provider }, CIRCUIT_STATE[state]);
  }

  recordCall(
    provider: AiProviderName,
    outcome: AiMetricOutcome,
    feature: AiOperation,
    latencyMs?: number,
  ): void {
    this.calls.inc({ provider, outcome, feature });
    if (latencyMs !== undefined) this.callDuration.observe({ provider }, latencyMs / 1000);
  }
}
