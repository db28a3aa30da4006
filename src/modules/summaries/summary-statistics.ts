import type { DayMood, MoodAssociation } from '../ai/ai.vocabulary';

/** Associations need a few samples on the "with" side to mean anything. */
export const MIN_ASSOCIATION_SAMPLES = 2;
export const MAX_ASSOCIATIONS = 3;

/** Rounds for storage and display; statistics keep 2 decimals. */
export function round(value: number | null, decimals = 2): number | null {
  if (value === null || Number.isNaN(value)) return null;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Best and worst day by average mood; ties go to the earlier day. */
export function bestAndWorstDays(days: DayMood[]): { best: DayMood | null; worst: DayMood | null } {
  const rated = days.filter((d) => d.entries > 0);
  if (rated.length === 0) return { best: null, worst: null };
  const best = rated.reduce((a, b) => (b.averageMood > a.averageMood ? b : a));
  const worst = rated.reduce((a, b) => (b.averageMood < a.averageMood ? b : a));
  return { best, worst };
}

/**
 * Longest run of consecutive calendar days, and the run that ends on the last day, from
 * sorted distinct YYYY-MM-DD dates.
 */
export function streaks(sortedDays: string[]): { longest: number; current: number } {
  let longest = 0;
  let run = 0;
  let previous: number | null = null;
  for (const day of sortedDays) {
    const t = Date.parse(`${day}T00:00:00Z`);
    run = previous !== null && t - previous === 86_400_000 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = t;
  }
  return { longest, current: run };
}

export interface MoodSums {
  key: string;
  sum: number;
  count: number;
}

/**
 * Compares the average mood of entries that carry a key (tag or type) with the entries that
 * do not, from sums computed in SQL. Returns the strongest positive and negative ones.
 */
export function moodAssociations(
  groups: MoodSums[],
  totals: { sum: number; count: number },
): { higher: MoodAssociation[]; lower: MoodAssociation[] } {
  const associations = groups
    .filter((g) => g.count >= MIN_ASSOCIATION_SAMPLES)
    .map((g): MoodAssociation => {
      const withoutCount = totals.count - g.count;
      const withAverage = g.sum / g.count;
      const withoutAverage = withoutCount > 0 ? (totals.sum - g.sum) / withoutCount : null;
      return {
        key: g.key,
        averageMoodWith: round(withAverage)!,
        averageMoodWithout: round(withoutAverage),
        difference: withoutAverage === null ? null : round(withAverage - withoutAverage),
        entriesWith: g.count,
        entriesWithout: withoutCount,
      };
    })
    .filter((a) => a.difference !== null && a.difference !== 0);
  const byStrength = (a: MoodAssociation, b: MoodAssociation) =>
    Math.abs(b.difference!) - Math.abs(a.difference!) || a.key.localeCompare(b.key);
  return {
    higher: associations
      .filter((a) => a.difference! > 0)
      .sort(byStrength)
      .slice(0, MAX_ASSOCIATIONS),
    lower: associations
      .filter((a) => a.difference! < 0)
      .sort(byStrength)
      .slice(0, MAX_ASSOCIATIONS),
  };
}
