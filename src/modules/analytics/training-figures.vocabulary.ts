/**
 * The shapes of training figures that both the rollups (analytics) and the raw reference
 * computation (progress) answer, so the tests can compare one with the other field by field.
 */

/** Sessions over a period and how many of its weeks met a target. */
export interface WeeklyCountsRow {
  workouts: number;
  activeWeeks: number;
  targetPerWeek: number;
  weeksMeetingTarget: number;
}

/** Consecutive weeks (or days) trained: up to the period's end, and the longest in it. */
export interface StreakRow {
  current: number;
  longest: number;
}
