import { SIGNAL } from './thresholds';
import type { PoseSet } from './form-analysis.types';
import { CANONICAL_JOINTS, JOINT_INDEX, type Joint, VALUES_PER_KEYPOINT } from './skeletons';
import type { Point } from './geometry';

/** One joint over the set, in pixels with y up; NaN where it is missing. */
export interface Track {
  x: Float64Array;
  y: Float64Array;
}

export interface Tracks {
  /** Frame times in seconds. */
  t: Float64Array;
  joints: Record<Joint, Track>;
  /** Share of the joint's samples below the visibility floor. */
  lowVisibility: Record<Joint, number>;
}

export function pointAt(track: Track, i: number): Point {
  return { x: track.x[i], y: track.y[i] };
}

/**
 * Per joint: pixels with y up (angles need square pixels, so normalised coordinates are scaled
 * by the image size), low-visibility samples treated as missing, short gaps bridged, then a
 * centred moving average. Pose models jitter by a few pixels from frame to frame; a window of
 * ±70 ms (about 5 frames at 30 fps) removes most of it without flattening a rep, which lasts
 * a second or more.
 */
export function buildTracks(set: PoseSet): Tracks {
  const n = set.frames.length;
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = set.frames[i].t / 1000;
  const index = JOINT_INDEX[set.skeleton];
  const joints = {} as Record<Joint, Track>;
  const lowVisibility = {} as Record<Joint, number>;
  for (const joint of CANONICAL_JOINTS) {
    const base = index[joint] * VALUES_PER_KEYPOINT;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    let low = 0;
    for (let i = 0; i < n; i++) {
      const k = set.frames[i].keypoints;
      if (k[base + 2] < SIGNAL.minVisibility) {
        x[i] = NaN;
        y[i] = NaN;
        low++;
      } else {
        x[i] = k[base] * set.imageWidth;
        y[i] = (1 - k[base + 1]) * set.imageHeight;
      }
    }
    bridgeGaps(t, x, SIGNAL.maxGapS);
    bridgeGaps(t, y, SIGNAL.maxGapS);
    joints[joint] = {
      x: movingAverage(t, x, SIGNAL.smoothingHalfWindowS),
      y: movingAverage(t, y, SIGNAL.smoothingHalfWindowS),
    };
    lowVisibility[joint] = n === 0 ? 0 : low / n;
  }
  return { t, joints, lowVisibility };
}

/** Fills runs of NaN no longer than maxGapS, between two known samples, linearly. In place. */
export function bridgeGaps(t: Float64Array, v: Float64Array, maxGapS: number): void {
  let last = -1;
  for (let i = 0; i < v.length; i++) {
    if (Number.isNaN(v[i])) continue;
    if (last >= 0 && i - last > 1 && t[i] - t[last] <= maxGapS) {
      for (let j = last + 1; j < i; j++) {
        const f = (t[j] - t[last]) / (t[i] - t[last]);
        v[j] = v[last] + f * (v[i] - v[last]);
      }
    }
    last = i;
  }
}

/** Centred moving average over samples within ±halfWindowS, missing samples skipped. */
export function movingAverage(t: Float64Array, v: Float64Array, halfWindowS: number): Float64Array {
  const out = new Float64Array(v.length);
  let lo = 0;
  let hi = 0;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < v.length; i++) {
    while (hi < v.length && t[hi] <= t[i] + halfWindowS) {
      if (!Number.isNaN(v[hi])) {
        sum += v[hi];
        count++;
      }
      hi++;
    }
    while (t[lo] < t[i] - halfWindowS) {
      if (!Number.isNaN(v[lo])) {
        sum -= v[lo];
        count--;
      }
      lo++;
    }
    out[i] = Number.isNaN(v[i]) || count === 0 ? NaN : sum / count;
  }
  return out;
}
