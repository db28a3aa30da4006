import type { CameraView, Exercise, RuleId, Threshold } from './form-analysis.types';
import {
  angleFromVertical,
  elevation,
  flexionAt,
  frontalPlaneProjectionAngle,
  type Point,
  tilt,
} from './geometry';
import type { RepWindow } from './reps';
import type { Joint } from './skeletons';
import * as T from './thresholds';
import { movingAverage, pointAt, type Tracks } from './tracks';

type Side = 'left' | 'right';
const SIDES: Side[] = ['left', 'right'];

/** What a rule measured on one rep. */
export interface Measurement {
  value: number;
  side: Side | null;
}

/** Everything a rule reads. */
export interface RuleContext {
  exercise: Exercise;
  tracks: Tracks;
  /** The side facing the camera in a side view. */
  side: Side | null;
  /** +1 when the person faces the image's right in a side view, -1 when its left. */
  facing: number;
  /** Height of each thigh on the image when standing (front view), for the valgus gate. */
  standingThighSpan: Record<Side, number>;
}

export interface Rule {
  id: RuleId;
  /** The plane the rule needs; null when any view will do. */
  view: CameraView | null;
  /** What is measured, worded for a finding. */
  measure: string;
  /** A few words said when the limit is crossed. */
  verdict: string;
  threshold: Threshold;
  measureRep(ctx: RuleContext, rep: RepWindow): Measurement | null;
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
const jointOf = (side: Side, name: string) => `${side}${cap(name)}` as Joint;

function point(ctx: RuleContext, joint: Joint, i: number): Point {
  return pointAt(ctx.tracks.joints[joint], i);
}

/**
 * The extreme (max, or min) of f over the rep's frames. The extreme of a noisy series is biased
 * outwards (the largest of many noisy samples), so the series is averaged over
 * ±featureSmoothingS first; frames where f is NaN are skipped.
 */
function overRep(
  ctx: RuleContext,
  rep: RepWindow,
  f: (i: number) => number,
  mode: 'max' | 'min' = 'max',
): number {
  const n = rep.end - rep.start + 1;
  const values = new Float64Array(n);
  for (let k = 0; k < n; k++) values[k] = f(rep.start + k);
  const smooth = movingAverage(
    ctx.tracks.t.subarray(rep.start, rep.end + 1),
    values,
    T.SIGNAL.featureSmoothingS,
  );
  let best = NaN;
  for (const v of smooth) {
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(best) || (mode === 'max' ? v > best : v < best)) best = v;
  }
  return best;
}

const sided = (value: number, side: Side | null): Measurement | null =>
  Number.isNaN(value) ? null : { value, side };

/** A measure on the analysed side of a side view. */
function onSide(
  rep: RepWindow,
  ctx: RuleContext,
  f: (j: (name: string) => Joint, i: number) => number,
  mode: 'max' | 'min' = 'max',
): Measurement | null {
  const side = ctx.side!;
  return sided(
    overRep(ctx, rep, (i) => f((name) => jointOf(side, name), i), mode),
    null,
  );
}

/** The larger measure of the two legs (or arms), naming the side. */
function worseSide(
  rep: RepWindow,
  f: (j: (name: string) => Joint, side: Side) => number,
): Measurement | null {
  let best: Measurement | null = null;
  for (const side of SIDES) {
    const v = f((name) => jointOf(side, name), side);
    if (!Number.isNaN(v) && (best === null || v > best.value)) best = { value: v, side };
  }
  return best;
}

/**
 * The measure on the front leg in a lunge (the ankle further forward at the bottom; the back
 * shin leans forward too and the back knee bends as much), on the worse leg otherwise.
 */
function legMeasure(
  ctx: RuleContext,
  rep: RepWindow,
  f: (j: (name: string) => Joint, side: Side) => number,
): Measurement | null {
  if (ctx.exercise !== 'lunge') return worseSide(rep, f);
  const ahead = (side: Side) =>
    ctx.tracks.joints[jointOf(side, 'ankle')].x[rep.bottom] * ctx.facing;
  const l = ahead('left');
  const r = ahead('right');
  const front: Side = Number.isNaN(l)
    ? 'right'
    : Number.isNaN(r)
      ? 'left'
      : l >= r
        ? 'left'
        : 'right';
  return sided(
    f((name) => jointOf(front, name), front),
    front,
  );
}

/** Shin angle from vertical, positive when the knee is ahead of the ankle. */
function shinForward(ctx: RuleContext, j: (name: string) => Joint, i: number): number {
  const ankle = point(ctx, j('ankle'), i);
  const knee = point(ctx, j('knee'), i);
  const ahead = Math.sign((knee.x - ankle.x) * ctx.facing);
  return ahead > 0 ? angleFromVertical(ankle, knee) : -angleFromVertical(ankle, knee);
}

const kneeFlexion = (ctx: RuleContext, j: (name: string) => Joint, i: number) =>
  flexionAt(point(ctx, j('hip'), i), point(ctx, j('knee'), i), point(ctx, j('ankle'), i));

const depthRules: Partial<Record<Exercise, Omit<Rule, 'id' | 'view'>>> = {
  squat: {
    measure: 'thigh angle above horizontal at the deepest point (hip above knee is positive)',
    verdict: 'not deep enough: the hip stayed above the knee',
    threshold: T.SQUAT_DEPTH_MAX_THIGH_DEG,
    measureRep: (ctx, rep) =>
      onSide(
        rep,
        ctx,
        (j, i) => elevation(point(ctx, j('knee'), i), point(ctx, j('hip'), i)),
        'min',
      ),
  },
  lunge: {
    measure: 'knee flexion of the front leg at the deepest point',
    verdict: 'not deep enough',
    threshold: T.LUNGE_DEPTH_MIN_KNEE_FLEXION_DEG,
    measureRep: (ctx, rep) =>
      legMeasure(ctx, rep, (j) => overRep(ctx, rep, (i) => kneeFlexion(ctx, j, i))),
  },
  push_up: {
    measure: 'elbow flexion at the deepest point',
    verdict: 'not deep enough: the elbows did not reach 90°',
    threshold: T.PUSH_UP_DEPTH_MIN_ELBOW_FLEXION_DEG,
    measureRep: (ctx, rep) =>
      onSide(rep, ctx, (j, i) =>
        flexionAt(
          point(ctx, j('shoulder'), i),
          point(ctx, j('elbow'), i),
          point(ctx, j('wrist'), i),
        ),
      ),
  },
};

const torsoRule = (threshold: Threshold): Omit<Rule, 'id' | 'view'> => ({
  measure: 'torso angle from vertical (hip to shoulder), largest in the rep',
  verdict: 'the torso leaned too far forward',
  threshold,
  measureRep: (ctx, rep) =>
    onSide(rep, ctx, (j, i) =>
      angleFromVertical(point(ctx, j('hip'), i), point(ctx, j('shoulder'), i)),
    ),
});

const kneeTravel: Omit<Rule, 'id' | 'view'> = {
  measure: 'shin angle from vertical, knee ahead of the ankle, largest in the rep',
  verdict: 'the knee travelled far forward over the foot',
  threshold: T.MAX_SHIN_ANGLE_DEG,
  measureRep: (ctx, rep) =>
    legMeasure(ctx, rep, (j) => overRep(ctx, rep, (i) => shinForward(ctx, j, i))),
};

const kneeValgus: Omit<Rule, 'id' | 'view'> = {
  measure:
    'frontal-plane projection angle of the knee (medial is positive), largest while the thigh is still upright enough to read',
  verdict: 'the knee caved in (valgus)',
  threshold: T.KNEE_VALGUS_MAX_FPPA_DEG,
  measureRep: (ctx, rep) =>
    worseSide(rep, (j) => {
      const hip = ctx.tracks.joints[j('hip')];
      const knee = ctx.tracks.joints[j('knee')];
      // At depth the thigh points at the camera and its image shrinks to a few pixels, where
      // an angle means nothing: read only while the thigh spans half its standing height.
      const standing = ctx.standingThighSpan[j('hip') === 'leftHip' ? 'left' : 'right'];
      const midline = (i: number) => {
        const l = ctx.tracks.joints.leftHip.x[i];
        const r = ctx.tracks.joints.rightHip.x[i];
        return (l + r) / 2;
      };
      return overRep(ctx, rep, (i) =>
        hip.y[i] - knee.y[i] >= T.SIGNAL.valgusThighSpan * standing
          ? frontalPlaneProjectionAngle(
              point(ctx, j('hip'), i),
              point(ctx, j('knee'), i),
              point(ctx, j('ankle'), i),
              midline(i),
            )
          : NaN,
      );
    }),
};

const backRounding: Omit<Rule, 'id' | 'view'> = {
  measure: 'head-to-torso angle (hip→shoulder versus shoulder→ear), largest in the rep',
  verdict: 'the head and upper back dropped forward (a proxy of back rounding)',
  threshold: T.HINGE_MAX_NECK_TORSO_DEG,
  measureRep: (ctx, rep) =>
    onSide(rep, ctx, (j, i) =>
      flexionAt(point(ctx, j('hip'), i), point(ctx, j('shoulder'), i), point(ctx, j('ear'), i)),
    ),
};

const bodyLine: Omit<Rule, 'id' | 'view'> = {
  measure: 'bend of the shoulder–hip–ankle line, largest in the rep',
  verdict: 'the hips sagged or piked',
  threshold: T.PUSH_UP_MAX_BODY_LINE_DEG,
  measureRep: (ctx, rep) =>
    onSide(rep, ctx, (j, i) =>
      flexionAt(point(ctx, j('shoulder'), i), point(ctx, j('hip'), i), point(ctx, j('ankle'), i)),
    ),
};

const rangeOfMotion: Omit<Rule, 'id' | 'view'> = {
  measure: "excursion relative to the set's deepest rep",
  verdict: 'partial range of motion',
  threshold: T.MIN_RELATIVE_RANGE,
  measureRep: (_ctx, rep) => ({ value: rep.relativeRange, side: null }),
};

const tempo: Omit<Rule, 'id' | 'view'> = {
  measure: 'lowering time, 5 % to 95 % of the excursion, in seconds',
  verdict: 'lowered too fast (uncontrolled eccentric)',
  threshold: T.MIN_ECCENTRIC_S,
  measureRep: (_ctx, rep) => ({ value: rep.eccentricS, side: null }),
};

const asymmetry = (line: 'hip' | 'shoulder'): Omit<Rule, 'id' | 'view'> => ({
  measure: `tilt of the ${line} line from horizontal at the deepest point`,
  verdict: 'left and right sides were uneven',
  threshold: T.MAX_TILT_DEG,
  measureRep: (ctx, rep) =>
    sided(
      tilt(
        point(ctx, jointOf('left', line), rep.bottom),
        point(ctx, jointOf('right', line), rep.bottom),
      ),
      null,
    ),
});

const SAGITTAL: CameraView = 'side';
const FRONTAL: CameraView = 'front';

const rule = (id: RuleId, view: CameraView | null, body: Omit<Rule, 'id' | 'view'>): Rule => ({
  id,
  view,
  ...body,
});

/** The rules of each exercise, in the order they are reported. */
export const EXERCISE_RULES: Record<Exercise, Rule[]> = {
  squat: [
    rule('depth', SAGITTAL, depthRules.squat!),
    rule('knee_valgus', FRONTAL, kneeValgus),
    rule('torso_angle', SAGITTAL, torsoRule(T.SQUAT_MAX_TORSO_LEAN_DEG)),
    rule('knee_travel', SAGITTAL, kneeTravel),
    rule('range_of_motion', null, rangeOfMotion),
    rule('tempo', null, tempo),
    rule('asymmetry', FRONTAL, asymmetry('hip')),
  ],
  deadlift: [
    rule('back_rounding', SAGITTAL, backRounding),
    rule('knee_valgus', FRONTAL, kneeValgus),
    rule('range_of_motion', null, rangeOfMotion),
    rule('tempo', null, tempo),
    rule('asymmetry', FRONTAL, asymmetry('hip')),
  ],
  push_up: [
    rule('depth', SAGITTAL, depthRules.push_up!),
    rule('body_line', SAGITTAL, bodyLine),
    rule('range_of_motion', null, rangeOfMotion),
    rule('tempo', null, tempo),
    rule('asymmetry', FRONTAL, asymmetry('shoulder')),
  ],
  lunge: [
    rule('depth', SAGITTAL, depthRules.lunge!),
    rule('knee_valgus', FRONTAL, kneeValgus),
    rule('torso_angle', SAGITTAL, torsoRule(T.LUNGE_MAX_TORSO_LEAN_DEG)),
    rule('knee_travel', SAGITTAL, kneeTravel),
    rule('range_of_motion', null, rangeOfMotion),
    rule('tempo', null, tempo),
  ],
};

/** Whether a measured value crosses the limit. */
export function crosses(threshold: Threshold, value: number): boolean {
  return threshold.flaggedWhen === 'above' ? value > threshold.value : value < threshold.value;
}
