import { createHash } from 'node:crypto';
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
}

/** JSON with object keys sorted at every depth: equal inputs give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(
          Object.keys(v as Record<string, unknown>)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
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
