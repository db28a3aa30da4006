import type { TokenUsage } from './narrative-provider';

/** How a remote attempt failed; becomes the metering outcome and the metric label. */
export type ProviderFailure = 'error' | 'timeout' | 'invalid';

/** A failed remote call, with the tokens it spent (an invalid answer is still billed). */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';

  constructor(
    readonly failure: ProviderFailure,
    message: string,
    readonly options: { retryable: boolean; status?: number; usage?: TokenUsage | null } = {
      retryable: false,
    },
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.options.retryable;
  }

  get usage(): TokenUsage | null {
    return this.options.usage ?? null;
  }

  /** The same failure, carrying the usage summed over every attempt. */
  withUsage(usage: TokenUsage | null): ProviderError {
    return new ProviderError(this.failure, this.message, { ...this.options, usage });
  }
}

/** Adds token counts; null stays null only when both sides are null. */
export function addUsage(a: TokenUsage | null, b: TokenUsage | null): TokenUsage | null {
  if (!a) return b;
  if (!b) return a;
  const sum = (x: number | null, y: number | null) =>
    x === null && y === null ? null : (x ?? 0) + (y ?? 0);
  return {
    promptTokens: sum(a.promptTokens, b.promptTokens),
    completionTokens: sum(a.completionTokens, b.completionTokens),
  };
}
