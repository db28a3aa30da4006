/**
 * Emitted (and awaited) after a body metric is created, changed or deleted, once the write
 * has committed, so that derived data (goal progress) can be recomputed. Carries only the
 * user: listeners re-read what they need.
 */
export const BODY_METRIC_LOGGED = 'body-metric.logged';

export class BodyMetricLoggedEvent {
  constructor(readonly userId: string) {}
}
