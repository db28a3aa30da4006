import { createHash } from 'node:crypto';
import { canonicalJson } from '../../common/idempotency/idempotent-create';
import type { AiProviderName } from './ai-usage.types';
import type { AiFeature } from './ai.vocabulary';

/**
 * Declares an AI task cacheable (AiTask.cache): its answer is fully determined by `inputs`
 * (with the feature, the user, the provider, the model and the schema version), so a repeat
 * may reuse it. Only deterministic inputs qualify: the same statistics and notes of a summary,
 * the same plan specification over the same catalogue, the same substitution question.
 */
export interface AiCacheSpec {
  /** Everything the answer depends on (the prompt is built from it), JSON-serialisable. */
  inputs: unknown;
  /** Bump when the answer's schema or the rules change: older entries stop matching. */
  schemaVersion: string;
  /**
   * Only a remote model's answers are cached: the local provider's answer costs less than the
   * lookup (hashing the inputs, a GET, a SET and a day of Redis memory) and would rarely be
   * reused. The summary narrative: a template over statistics the job computed anyway, and a
   * summary is recomputed only when its entries changed, so its inputs seldom repeat.
   */
  remoteAnswersOnly?: boolean;
}

/**
 * The cache key of an answer: a SHA-256 of feature, user, provider, model, schema version and
 * the canonical inputs. The user is part of it: answers are never shared across accounts.
 */
export function aiCacheKey(parts: {
  feature: AiFeature;
  userId: string;
  provider: AiProviderName;
  model: string;
  spec: AiCacheSpec;
}): string {
  const digest = createHash('sha256')
    .update(
      canonicalJson([
        parts.feature,
        parts.userId,
        parts.provider,
        parts.model,
        parts.spec.schemaVersion,
        parts.spec.inputs,
      ]),
    )
    .digest('hex');
  return `${parts.feature}:${digest}`;
}
