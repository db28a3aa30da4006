/** The milestones recorded for every goal, in percent of the way from baseline to target. */
export const MILESTONES = [25, 50, 75, 100] as const;
export type Milestone = (typeof MILESTONES)[number];

/**
 * How far `current` has come from `baseline` towards `target`, in percent, clamped to 0–100
 * and rounded down to two decimals (so 100 % means the target is really reached). The same formula serves increasing targets (a heavier lift) and
 * decreasing ones (weight loss): numerator and denominator change sign together. No data yet
 * (`current` null) is 0 %; a target equal to its baseline is reached as soon as current is.
 */
export function progressPercent(baseline: number, current: number | null, target: number): number {
  if (current === null) return 0;
  if (target === baseline) return current === target ? 100 : 0;
  const raw = ((current - baseline) / (target - baseline)) * 100;
  // The epsilon absorbs binary noise (e.g. 49.999999…) so an exact half still reads 50 %.
  return Math.floor(Math.min(100, Math.max(0, raw)) * 100 + 1e-9) / 100;
}

/** The milestones `percent` has reached that are not yet among `recorded`, lowest first. */
export function newlyReachedMilestones(
  percent: number,
  recorded: readonly number[] = [],
): Milestone[] {
  return MILESTONES.filter((milestone) => percent >= milestone && !recorded.includes(milestone));
}
