import { SIGNAL } from './thresholds';

/** One rep on the excursion signal (frame indices). */
export interface RepWindow {
  start: number;
  bottom: number;
  end: number;
  /** Excursion at the bottom relative to the set's deepest (1 = deepest). */
  relativeRange: number;
  /** Tempo, in seconds (see RepSummary). */
  eccentricS: number;
  pauseS: number;
  concentricS: number;
}

export interface Segmentation {
  reps: RepWindow[];
  partialMovements: number;
}

/** The value at `p` (0..1) of the sorted finite values. */
export function percentile(values: ArrayLike<number>, p: number): number {
  const finite = Array.from(values)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (finite.length === 0) return NaN;
  return finite[Math.min(finite.length - 1, Math.floor(p * finite.length))];
}

/**
 * Counts reps on a height signal (hip or shoulder height, y up): the excursion is how far
 * below the set's top level (95th percentile, robust to a stray frame) the body is.
 *
 * A rep goes past `repEnterRatio` of the deepest excursion and comes back above
 * `repExitRatio`: two levels (hysteresis), so a pause at the bottom or noise around one level
 * never counts twice, and a movement that never comes back up (the set ends low) is not a rep.
 * A movement past `partialRatio` that turns back before `repEnterRatio` is a partial movement.
 * `minExcursion` (pixels) is the smallest deepest excursion that is movement at all: standing
 * still with noise is zero reps.
 */
export function segmentReps(
  t: Float64Array,
  height: Float64Array,
  minExcursion: number,
): Segmentation {
  const top = percentile(height, 0.95);
  const e = new Float64Array(height.length);
  let deepest = 0;
  for (let i = 0; i < height.length; i++) {
    e[i] = top - height[i];
    if (e[i] > deepest) deepest = e[i];
  }
  if (!(deepest >= minExcursion) || deepest === 0) return { reps: [], partialMovements: 0 };

  const enter = SIGNAL.repEnterRatio * deepest;
  const exit = SIGNAL.repExitRatio * deepest;
  const partial = SIGNAL.partialRatio * deepest;
  const reps: RepWindow[] = [];
  let partialMovements = 0;
  let state: 'top' | 'partial' | 'rep' = 'top';
  let lastTop = -1;
  let bottom = -1;
  for (let i = 0; i < e.length; i++) {
    const v = e[i];
    if (Number.isNaN(v)) continue;
    if (state === 'top') {
      if (v < exit) lastTop = i;
      if (v > enter && lastTop >= 0) {
        state = 'rep';
        bottom = i;
      } else if (v > partial && lastTop >= 0) state = 'partial';
    } else if (state === 'partial') {
      if (v > enter) {
        state = 'rep';
        bottom = i;
      } else if (v < exit) {
        partialMovements++;
        state = 'top';
        lastTop = i;
      }
    } else {
      if (v > e[bottom]) bottom = i;
      if (v < exit) {
        // The hysteresis levels sit at 20 % of the excursion; the rep itself starts and ends
        // where the body is at rest, the lowest excursion next to them.
        const previousEnd = reps.length > 0 ? reps[reps.length - 1].end : 0;
        const start = restBefore(e, lastTop, previousEnd);
        reps.push(measureRep(t, e, start, bottom, restAfter(e, i), deepest));
        state = 'top';
        lastTop = i;
      }
    }
  }
  return { reps, partialMovements };
}

/** Walks back from i while the excursion keeps falling, not past `limit`. */
function restBefore(e: Float64Array, i: number, limit: number): number {
  while (i - 1 > limit && !(e[i - 1] > e[i])) i--;
  return i;
}

/** Walks forward from i while the excursion keeps falling. */
function restAfter(e: Float64Array, i: number): number {
  while (i + 1 < e.length && !(e[i + 1] > e[i])) i++;
  return i;
}

/** Tempo of one rep, read on its own excursion (see SIGNAL.tempoLow / tempoHigh). */
function measureRep(
  t: Float64Array,
  e: Float64Array,
  start: number,
  bottom: number,
  end: number,
  deepest: number,
): RepWindow {
  const depth = e[bottom];
  const downLow = e[start] + SIGNAL.tempoLow * (depth - e[start]);
  const downHigh = e[start] + SIGNAL.tempoHigh * (depth - e[start]);
  const upLow = e[end] + SIGNAL.tempoLow * (depth - e[end]);
  const upHigh = e[end] + SIGNAL.tempoHigh * (depth - e[end]);
  // Last upward crossing of each level on the way down, first downward crossing on the way up.
  const leaveTop = lastCrossingBefore(t, e, start, bottom, downLow);
  const reachBottom = firstCrossingAfter(t, e, start, bottom, downHigh, 'up');
  const leaveBottom = lastCrossingBefore(t, e, bottom, end, upHigh, 'down');
  const reachTop = firstCrossingAfter(t, e, bottom, end, upLow, 'down');
  return {
    start,
    bottom,
    end,
    relativeRange: depth / deepest,
    eccentricS: reachBottom - leaveTop,
    pauseS: Math.max(0, leaveBottom - reachBottom),
    concentricS: reachTop - leaveBottom,
  };
}

/** Interpolated time at which e crosses `level` between frames i-1 and i. */
function crossing(t: Float64Array, e: Float64Array, i: number, level: number): number {
  const a = e[i - 1];
  const b = e[i];
  const f = b === a ? 0 : (level - a) / (b - a);
  return t[i - 1] + f * (t[i] - t[i - 1]);
}

/** The time e last rises through `level` (or falls, with 'down') in (from, to]. */
function lastCrossingBefore(
  t: Float64Array,
  e: Float64Array,
  from: number,
  to: number,
  level: number,
  direction: 'up' | 'down' = 'up',
): number {
  for (let i = to; i > from; i--) {
    if (Number.isNaN(e[i]) || Number.isNaN(e[i - 1])) continue;
    const crosses =
      direction === 'up' ? e[i - 1] <= level && e[i] > level : e[i - 1] >= level && e[i] < level;
    if (crosses) return crossing(t, e, i, level);
  }
  return t[from];
}

/** The time e first rises through `level` (or falls, with 'down') in (from, to]. */
function firstCrossingAfter(
  t: Float64Array,
  e: Float64Array,
  from: number,
  to: number,
  level: number,
  direction: 'up' | 'down',
): number {
  for (let i = from + 1; i <= to; i++) {
    if (Number.isNaN(e[i]) || Number.isNaN(e[i - 1])) continue;
    const crosses =
      direction === 'up' ? e[i - 1] < level && e[i] >= level : e[i - 1] > level && e[i] <= level;
    if (crosses) return crossing(t, e, i, level);
  }
  return t[to];
}
