import type { AiFeature } from './ai.vocabulary';

/** Names shared by metering rows and metrics. */
export type AiProviderName = 'local' | 'openai';

/**
 * What a metered call was for (`ai_usage.operation`): a feature with a quota (AiFeature), or
 * form_analysis (rules on pose keypoints, in-process, metered without a quota).
 */
export type AiOperation = AiFeature | 'form_analysis';

/**
 * How a provider call ended.
 * - success: the provider answered (local configured, or remote valid answer)
 * - error: remote HTTP/network failure (after retries, or a non-retryable 4xx)
 * - timeout: the last remote attempt timed out
 * - invalid: the remote answered, but not with valid JSON / placeholders
 * - fallback: the local provider answered because the remote failed or its breaker was open
 * - rejected_open: the breaker was open, the remote was not called (metric only, no row)
 */
export type AiCallOutcome = 'success' | 'error' | 'timeout' | 'invalid' | 'fallback';
export type AiMetricOutcome = AiCallOutcome | 'rejected_open';
