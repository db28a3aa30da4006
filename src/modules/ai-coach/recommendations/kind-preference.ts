import { RecommendationFeedback } from './recommendation-kinds';

/**
 * How much a user wants a kind of recommendation, as a Beta(α, β) belief about the probability
 * that one of that kind is useful to them (docs/recommendations.md, "Feedback"). Every kind
 * starts at the prior Beta(PRIOR_ALPHA, PRIOR_BETA), mean 0.5. "useful" and "done" are
 * successes (α + 1); "not useful" is a failure (β + 1). The posterior mean α / (α + β)
 * multiplies a recommendation's priority to rank the list; a kind whose mean falls under
 * SUPPRESS_BELOW is no longer shown (it is still computed, so a later "useful" on an old one
 * or a reset can bring it back).
 */
export interface KindPreference {
  alpha: number;
  beta: number;
}

export const PRIOR_ALPHA = 1;
export const PRIOR_BETA = 1;
export const SUPPRESS_BELOW = 0.25;

export const PRIOR: KindPreference = { alpha: PRIOR_ALPHA, beta: PRIOR_BETA };

export function updatePreference(
  prior: KindPreference,
  feedback: RecommendationFeedback,
): KindPreference {
  return feedback === RecommendationFeedback.NotUseful
    ? { alpha: prior.alpha, beta: prior.beta + 1 }
    : { alpha: prior.alpha + 1, beta: prior.beta };
}

/** The posterior mean: the weight of the kind in the ranking. */
export function preferenceWeight(preference: KindPreference): number {
  return preference.alpha / (preference.alpha + preference.beta);
}

export function suppressed(preference: KindPreference): boolean {
  return preferenceWeight(preference) < SUPPRESS_BELOW;
}

/**
 * How long a recommendation answered with this feedback stays away (same kind and subject):
 * "not useful" two weeks, "done" one week (long enough to act on it); "useful" keeps it.
 */
export const COOL_DOWN_DAYS: Record<RecommendationFeedback, number> = {
  [RecommendationFeedback.NotUseful]: 14,
  [RecommendationFeedback.Done]: 7,
  [RecommendationFeedback.Useful]: 0,
};

const DAY_MS = 86_400_000;

/** Until when the kind + subject is cooled down after this feedback (null: not at all). */
export function coolDownUntil(feedback: RecommendationFeedback, at: Date): Date | null {
  const days = COOL_DOWN_DAYS[feedback];
  return days > 0 ? new Date(at.getTime() + days * DAY_MS) : null;
}

/** True when a cool-down of the kind + subject is still running at `asOf`. */
export function coolingDown(until: Date | null | undefined, asOf: Date): boolean {
  return !!until && until.getTime() > asOf.getTime();
}

/** The key of a cool-down and of a current recommendation: kind and subject. */
export function subjectKey(kind: string, subject: string): string {
  return `${kind}:${subject}`;
}
