/**
 * A stick-figure body driven by joint-angle trajectories, projected to a camera, for the
 * specs and bench figure 8: sets with known depth, valgus, torso angle, tempo, rep count,
 * camera view, noise and dropped keypoints. Deterministic for a seed.
 *
 * World axes in metres: X lateral (the person's left is +X), Y up, Z forward (where the
 * person faces). A side camera sees (Z, Y), from the person's left or right; a front camera
 * sees (X, Y) with the person's left on the image's right.
 */
import type { CameraView, Exercise, PoseSet, RuleId } from '../form-analysis.types';
import { frontalPlaneProjectionAngle } from '../geometry';
import {
  CANONICAL_JOINTS,
  JOINT_INDEX,
  KEYPOINT_COUNT,
  type Joint,
  type Skeleton,
} from '../skeletons';
import * as T from '../thresholds';

interface V3 {
  x: number;
  y: number;
  z: number;
}
type Pose = Record<Joint, V3>;

const SEG = { shin: 0.43, thigh: 0.45, torso: 0.52, neck: 0.2, upperArm: 0.3, forearm: 0.27 };
const HALF = { hip: 0.1, shoulder: 0.19, ankle: 0.15 };
const ANKLE_Y = 0.08;
const rad = (deg: number) => (deg * Math.PI) / 180;

export interface RepSpec {
  /** Share (0..1) of the bottom position reached: 1 is a full rep. */
  depth: number;
  eccentricS: number;
  pauseS: number;
  concentricS: number;
}

/** The pose at the bottom of a full rep (degrees); absent values take the exercise's defaults. */
export interface BottomPose {
  /** Thigh above horizontal (squat, lunge front leg, deadlift). */
  thighDeg: number;
  /** Shin from vertical, knee forward. */
  shinDeg: number;
  /** Torso from vertical. */
  torsoDeg: number;
  /** Head-to-torso angle (hinge). */
  neckDeg: number;
  /** Elbow flexion (push-up). */
  elbowDeg: number;
  /** Bend of the shoulder–hip–ankle line (push-up sag), held through the set. */
  bodyLineDeg: number;
  /** Peak frontal-plane projection angle of the knee(s), reached by 40 % of the descent. */
  valgusDeg: number;
  /** Tilt of the hip line (shoulder line for push-ups). */
  tiltDeg: number;
}

export interface SyntheticSetSpec {
  exercise: Exercise;
  view: CameraView;
  skeleton: Skeleton;
  fps: number;
  reps: RepSpec[];
  bottom?: Partial<BottomPose>;
  /** The side the camera stands on in a side view. */
  cameraSide?: 'left' | 'right';
  /** Gaussian noise on every keypoint, in pixels. */
  noisePx?: number;
  /** Share of keypoint samples reported with low visibility and a wrong position. */
  dropRate?: number;
  /** Share of frames missing altogether (a gap in the timestamps). */
  frameDropRate?: number;
  /** Standing still before the first rep and between reps. */
  topHoldS?: number;
  seed?: number;
}

export const DEFAULT_BOTTOM: Record<Exercise, BottomPose> = {
  squat: {
    thighDeg: -10,
    shinDeg: 30,
    torsoDeg: 35,
    neckDeg: 0,
    elbowDeg: 0,
    bodyLineDeg: 0,
    valgusDeg: 3,
    tiltDeg: 0,
  },
  deadlift: {
    thighDeg: 55,
    shinDeg: 10,
    torsoDeg: 70,
    neckDeg: 10,
    elbowDeg: 0,
    bodyLineDeg: 0,
    valgusDeg: 2,
    tiltDeg: 0,
  },
  push_up: {
    thighDeg: 0,
    shinDeg: 0,
    torsoDeg: 0,
    neckDeg: 0,
    elbowDeg: 100,
    bodyLineDeg: 5,
    valgusDeg: 0,
    tiltDeg: 0,
  },
  lunge: {
    thighDeg: 5,
    shinDeg: 20,
    torsoDeg: 8,
    neckDeg: 0,
    elbowDeg: 0,
    bodyLineDeg: 0,
    valgusDeg: 3,
    tiltDeg: 0,
  },
};

/** The lunge starts in a split stance, front knee slightly bent. */
const LUNGE_TOP = { thighDeg: 75, shinDeg: 5 };

export const IMAGE = { width: 1280, height: 720, pxPerMetre: 360, groundPx: 690 };

/** A seeded PRNG (mulberry32) and a Gaussian from it. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gaussian = () => Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
  return { next, gaussian };
}

const lerp = (a: number, b: number, p: number) => a + p * (b - a);

/** The leg in the sagittal plane from a fixed ankle: knee and hip (z, y). */
function leg(ankleZ: number, thighDeg: number, shinDeg: number) {
  const knee = {
    z: ankleZ + SEG.shin * Math.sin(rad(shinDeg)),
    y: ANKLE_Y + SEG.shin * Math.cos(rad(shinDeg)),
  };
  const hip = {
    z: knee.z - SEG.thigh * Math.cos(rad(thighDeg)),
    y: knee.y + SEG.thigh * Math.sin(rad(thighDeg)),
  };
  return { knee, hip };
}

/** The x in [lo, hi] where the increasing function f reaches target (bisection). */
function bisect(f: (x: number) => number, target: number, lo: number, hi: number): number {
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Medial knee shift (metres) that gives the knee this frontal-plane projection angle on the
 * front image. Once the hip comes down to within 5 cm of the knee the angle means nothing
 * (the thigh points at the camera), so the shift found at that height is kept: the knee does
 * not jump back out at the bottom.
 */
function valgusShift(hip: V3, kneeY: number, ankle: V3, deg: number): number {
  if (deg === 0) return 0;
  const y = Math.min(kneeY, hip.y - 0.05);
  const onLine = ankle.x + ((y - ankle.y) / (hip.y - ankle.y)) * (hip.x - ankle.x);
  const fppa = (shift: number) =>
    frontalPlaneProjectionAngle(
      { x: hip.x, y: hip.y },
      { x: onLine - Math.sign(onLine) * shift, y },
      { x: ankle.x, y: ankle.y },
      0,
    );
  return bisect(fppa, deg, -0.3, 0.3);
}

/** The head, arms and legs around a hip, shoulder and legs already placed. */
function pose(exercise: Exercise, bottom: BottomPose, p: number): Pose {
  const P = {} as Pose;
  const set = (joint: Joint, x: number, y: number, z: number) => (P[joint] = { x, y, z });
  const tilt = Math.tan(rad(p * bottom.tiltDeg));
  const valgus = bottom.valgusDeg * Math.min(1, p / 0.4);

  if (exercise === 'push_up') {
    const e = lerp(5, bottom.elbowDeg, p);
    const wrist = { z: 0, y: 0.05 };
    const elbow = { z: 0, y: wrist.y + SEG.forearm };
    const shoulder = {
      z: elbow.z + SEG.upperArm * Math.sin(rad(e)),
      y: elbow.y + SEG.upperArm * Math.cos(rad(e)),
    };
    const ankle = { z: -1.35, y: 0.1 };
    const dz = shoulder.z - ankle.z;
    const dy = shoulder.y - ankle.y;
    const length = Math.hypot(dz, dy);
    // Hips sag below the straight line by the offset that bends it by bodyLineDeg.
    const f = 0.4;
    const bend = (h: number) =>
      (Math.atan(h / (f * length)) + Math.atan(h / ((1 - f) * length))) * (180 / Math.PI);
    const sag = bisect(bend, bottom.bodyLineDeg, 0, 0.5);
    const nz = dy / length;
    const ny = -dz / length;
    const hip = { z: shoulder.z - f * dz + sag * nz, y: shoulder.y - f * dy + sag * ny };
    const ux = dz / length;
    const uy = dy / length;
    for (const [s, sign] of [
      ['left', 1],
      ['right', -1],
    ] as const) {
      const sy = sign * HALF.shoulder * tilt;
      set(`${s}Shoulder` as Joint, sign * HALF.shoulder, shoulder.y + sy, shoulder.z);
      set(`${s}Elbow` as Joint, sign * 0.25, elbow.y, elbow.z);
      set(`${s}Wrist` as Joint, sign * 0.25, wrist.y, wrist.z);
      set(`${s}Hip` as Joint, sign * HALF.hip, hip.y, hip.z);
      set(`${s}Knee` as Joint, sign * HALF.hip, (hip.y + ankle.y) / 2, (hip.z + ankle.z) / 2);
      set(`${s}Ankle` as Joint, sign * HALF.hip, ankle.y, ankle.z);
      set(`${s}Ear` as Joint, sign * 0.07, shoulder.y + SEG.neck * uy, shoulder.z + SEG.neck * ux);
    }
    set('nose', 0, P.leftEar.y - 0.05, P.leftEar.z + 0.08);
    return P;
  }

  let thigh: number;
  let shin: number;
  if (exercise === 'lunge') {
    thigh = lerp(LUNGE_TOP.thighDeg, bottom.thighDeg, p);
    shin = lerp(LUNGE_TOP.shinDeg, bottom.shinDeg, p);
  } else {
    thigh = lerp(90, bottom.thighDeg, p);
    shin = p * bottom.shinDeg;
  }
  const torso = p * bottom.torsoDeg;
  const neck = p * bottom.neckDeg;
  const frontAnkleZ = exercise === 'lunge' ? 0.35 : 0;
  const { knee, hip } = leg(frontAnkleZ, thigh, shin);
  const shoulder = {
    z: hip.z + SEG.torso * Math.sin(rad(torso)),
    y: hip.y + SEG.torso * Math.cos(rad(torso)),
  };
  const head = rad(torso + neck);

  for (const [s, sign] of [
    ['left', 1],
    ['right', -1],
  ] as const) {
    const hipY = hip.y + sign * HALF.hip * tilt;
    set(`${s}Hip` as Joint, sign * HALF.hip, hipY, hip.z);
    set(
      `${s}Shoulder` as Joint,
      sign * HALF.shoulder,
      shoulder.y + sign * HALF.hip * tilt,
      shoulder.z,
    );
    set(
      `${s}Ear` as Joint,
      sign * 0.07,
      shoulder.y + SEG.neck * Math.cos(head),
      shoulder.z + SEG.neck * Math.sin(head),
    );
    if (exercise === 'deadlift') {
      set(`${s}Elbow` as Joint, sign * 0.2, shoulder.y - SEG.upperArm, shoulder.z);
      set(`${s}Wrist` as Joint, sign * 0.2, shoulder.y - SEG.upperArm - SEG.forearm, shoulder.z);
    } else {
      set(`${s}Elbow` as Joint, sign * 0.2, shoulder.y - 0.05, shoulder.z + SEG.upperArm);
      set(
        `${s}Wrist` as Joint,
        sign * 0.2,
        shoulder.y - 0.05,
        shoulder.z + SEG.upperArm + SEG.forearm,
      );
    }
    const back = exercise === 'lunge' && s === 'right';
    if (back) {
      // The back leg reaches from the hip to a fixed back foot: two links, knee bent forward.
      const ankle = { z: -0.45, y: 0.12 };
      const dz = ankle.z - hip.z;
      const dy = ankle.y - hipY;
      const d = Math.min(Math.hypot(dz, dy), SEG.thigh + SEG.shin - 1e-6);
      const along = (SEG.thigh ** 2 - SEG.shin ** 2 + d ** 2) / (2 * d);
      const across = Math.sqrt(Math.max(0, SEG.thigh ** 2 - along ** 2));
      const uz = dz / Math.hypot(dz, dy);
      const uy = dy / Math.hypot(dz, dy);
      set(
        'rightKnee',
        sign * HALF.hip,
        hipY + along * uy + across * -uz,
        hip.z + along * uz + across * uy,
      );
      set('rightAnkle', -HALF.ankle * 0.8, ankle.y, ankle.z);
      continue;
    }
    const ankle = { x: sign * HALF.ankle, y: ANKLE_Y, z: frontAnkleZ };
    const hip3 = { x: sign * HALF.hip, y: hipY, z: hip.z };
    const shift = valgusShift(hip3, knee.y, ankle, valgus);
    const onLine = ankle.x + ((knee.y - ankle.y) / (hip3.y - ankle.y || 1)) * (hip3.x - ankle.x);
    set(`${s}Knee` as Joint, onLine - Math.sign(onLine) * shift, knee.y, knee.z);
    set(`${s}Ankle` as Joint, ankle.x, ankle.y, ankle.z);
  }
  set('nose', 0, P.leftEar.y - 0.03, P.leftEar.z + 0.1);
  return P;
}

/** Progress 0..1 at time t (s) through the reps: hold, cosine descent, pause, cosine ascent. */
export function timeline(spec: SyntheticSetSpec) {
  const hold = spec.topHoldS ?? 0.6;
  const windows: {
    start: number;
    bottomFrom: number;
    bottomTo: number;
    end: number;
    rep: RepSpec;
  }[] = [];
  let t = hold;
  for (const rep of spec.reps) {
    const start = t;
    const bottomFrom = start + rep.eccentricS;
    const bottomTo = bottomFrom + rep.pauseS;
    const end = bottomTo + rep.concentricS;
    windows.push({ start, bottomFrom, bottomTo, end, rep });
    t = end + hold;
  }
  const ease = (u: number) => (1 - Math.cos(Math.PI * Math.min(1, Math.max(0, u)))) / 2;
  const progress = (time: number) => {
    for (const w of windows) {
      if (time < w.start || time > w.end) continue;
      if (time < w.bottomFrom) return w.rep.depth * ease((time - w.start) / w.rep.eccentricS);
      if (time <= w.bottomTo) return w.rep.depth;
      return w.rep.depth * (1 - ease((time - w.bottomTo) / w.rep.concentricS));
    }
    return 0;
  };
  return { windows, duration: t, progress };
}

function bottomOf(spec: SyntheticSetSpec): BottomPose {
  return { ...DEFAULT_BOTTOM[spec.exercise], ...spec.bottom };
}

/** The body at progress p, for the truth of a rep (exact, no noise). */
export function cleanPose(spec: SyntheticSetSpec, p: number): Pose {
  return pose(spec.exercise, bottomOf(spec), p);
}

/** Generates the set as the app would send it. */
export function syntheticSet(spec: SyntheticSetSpec): PoseSet {
  const rng = random(spec.seed ?? 1);
  const bottom = bottomOf(spec);
  const { duration, progress } = timeline(spec);
  const index = JOINT_INDEX[spec.skeleton];
  const count = KEYPOINT_COUNT[spec.skeleton];
  const noise = spec.noisePx ?? 0;
  const far = spec.cameraSide === 'right' ? 'left' : 'right';
  const sign = spec.cameraSide === 'right' ? -1 : 1;
  const frames: PoseSet['frames'] = [];
  const n = Math.round(duration * spec.fps);
  for (let f = 0; f <= n; f++) {
    if (f > 0 && f < n && rng.next() < (spec.frameDropRate ?? 0)) continue;
    const time = f / spec.fps;
    const body = pose(spec.exercise, bottom, progress(time));
    // Keypoints the skeleton has but the analysis does not read: plausible, visible.
    const keypoints = new Array<number>(count * 3).fill(0);
    for (let k = 0; k < count; k++) {
      keypoints[k * 3] = 0.5;
      keypoints[k * 3 + 1] = 0.5;
      keypoints[k * 3 + 2] = 0.9;
    }
    for (const joint of CANONICAL_JOINTS) {
      const j = body[joint];
      const u = spec.view === 'side' ? sign * j.z : j.x;
      const px = IMAGE.width / 2 + u * IMAGE.pxPerMetre + noise * rng.gaussian();
      const py = IMAGE.groundPx - j.y * IMAGE.pxPerMetre + noise * rng.gaussian();
      const hidden =
        spec.view === 'side' &&
        joint.startsWith(far) &&
        !(spec.exercise === 'lunge' && /Knee|Ankle|Hip/.test(joint));
      let visibility = hidden ? 0.35 : 0.9;
      let x = px / IMAGE.width;
      let y = py / IMAGE.height;
      if (rng.next() < (spec.dropRate ?? 0)) {
        // A dropped keypoint: the model guesses somewhere and says it is unsure.
        visibility = 0.1 + 0.3 * rng.next();
        x = rng.next();
        y = rng.next();
      }
      const at = index[joint] * 3;
      keypoints[at] = x;
      keypoints[at + 1] = y;
      keypoints[at + 2] = visibility;
    }
    frames.push({ t: Math.round(time * 1000), keypoints });
  }
  return {
    exercise: spec.exercise,
    skeleton: spec.skeleton,
    view: spec.view,
    frameRate: spec.fps,
    imageWidth: IMAGE.width,
    imageHeight: IMAGE.height,
    frames,
  };
}

/** What a correct analyser should report for each rep the set really contains. */
export interface SetTruth {
  repCount: number;
  /** Per counted rep (in order): the rules whose limit the rep crosses. */
  flagged: Set<RuleId>[];
  /** Bottom time of each counted rep, in seconds, to match detected reps. */
  bottomsS: number[];
}

/**
 * The truth from the model, not from the analyser: angles from the trajectories' parameters,
 * range and tempo from the clean height signal at 1 ms. A rep counts when it reaches half
 * the excursion of the set's deepest rep (the documented definition).
 */
export function truthOf(spec: SyntheticSetSpec): SetTruth {
  const b = bottomOf(spec);
  const { windows } = timeline(spec);
  const name = spec.exercise === 'push_up' || spec.exercise === 'deadlift' ? 'Shoulder' : 'Hip';
  // Heights do not depend on the knees' valgus, whose bisection is the slow part of a pose.
  const upright = { ...b, valgusDeg: 0 };
  const height = (p: number) => {
    const body = pose(spec.exercise, upright, p);
    const left = body[`left${name}` as Joint].y;
    const right = body[`right${name}` as Joint].y;
    if (spec.view === 'front') return (left + right) / 2;
    return spec.cameraSide === 'right' ? right : left;
  };
  const top = height(0);
  const excursions = windows.map((w) => top - height(w.rep.depth));
  const deepest = Math.max(...excursions);
  const truth: SetTruth = { repCount: 0, flagged: [], bottomsS: [] };
  windows.forEach((w, i) => {
    if (excursions[i] < T.SIGNAL.repEnterRatio * deepest) return;
    const P = w.rep.depth;
    const flags = new Set<RuleId>();
    const flag = (rule: RuleId, cond: boolean) => cond && flags.add(rule);
    const crosses = (th: { value: number; flaggedWhen: 'above' | 'below' }, v: number) =>
      th.flaggedWhen === 'above' ? v > th.value : v < th.value;
    const thigh =
      spec.exercise === 'lunge' ? lerp(LUNGE_TOP.thighDeg, b.thighDeg, P) : lerp(90, b.thighDeg, P);
    const shin = spec.exercise === 'lunge' ? lerp(LUNGE_TOP.shinDeg, b.shinDeg, P) : P * b.shinDeg;
    const valgus = b.valgusDeg * Math.min(1, P / 0.4);
    switch (spec.exercise) {
      case 'squat':
        flag('depth', crosses(T.SQUAT_DEPTH_MAX_THIGH_DEG, nearThigh(spec, b, P)));
        flag('torso_angle', crosses(T.SQUAT_MAX_TORSO_LEAN_DEG, P * b.torsoDeg));
        flag('knee_travel', crosses(T.MAX_SHIN_ANGLE_DEG, shin));
        flag('knee_valgus', crosses(T.KNEE_VALGUS_MAX_FPPA_DEG, valgus));
        flag('asymmetry', crosses(T.MAX_TILT_DEG, P * b.tiltDeg));
        break;
      case 'deadlift':
        flag('back_rounding', crosses(T.HINGE_MAX_NECK_TORSO_DEG, P * b.neckDeg));
        flag('knee_valgus', crosses(T.KNEE_VALGUS_MAX_FPPA_DEG, valgus));
        flag('asymmetry', crosses(T.MAX_TILT_DEG, P * b.tiltDeg));
        break;
      case 'push_up':
        flag('depth', crosses(T.PUSH_UP_DEPTH_MIN_ELBOW_FLEXION_DEG, lerp(5, b.elbowDeg, P)));
        flag('body_line', crosses(T.PUSH_UP_MAX_BODY_LINE_DEG, b.bodyLineDeg));
        flag('asymmetry', crosses(T.MAX_TILT_DEG, P * b.tiltDeg));
        break;
      case 'lunge':
        flag('depth', crosses(T.LUNGE_DEPTH_MIN_KNEE_FLEXION_DEG, 90 - thigh + shin));
        flag('torso_angle', crosses(T.LUNGE_MAX_TORSO_LEAN_DEG, P * b.torsoDeg));
        flag('knee_travel', crosses(T.MAX_SHIN_ANGLE_DEG, shin));
        flag('knee_valgus', crosses(T.KNEE_VALGUS_MAX_FPPA_DEG, valgus));
        break;
    }
    flag('range_of_motion', crosses(T.MIN_RELATIVE_RANGE, excursions[i] / deepest));
    flag('tempo', crosses(T.MIN_ECCENTRIC_S, eccentricOf(w, height, top)));
    truth.repCount++;
    truth.flagged.push(flags);
    truth.bottomsS.push((w.bottomFrom + w.bottomTo) / 2);
  });
  return truth;
}

/**
 * The thigh above horizontal of the leg the side camera sees, at progress P: a hip-line tilt
 * raises one hip and lowers the other, so it is read from the model's joints, not its parameter.
 */
function nearThigh(spec: SyntheticSetSpec, b: BottomPose, P: number): number {
  const body = pose(spec.exercise, { ...b, valgusDeg: 0 }, P);
  const side = spec.cameraSide === 'right' ? 'right' : 'left';
  const hip = body[`${side}Hip` as Joint];
  const knee = body[`${side}Knee` as Joint];
  return (Math.atan2(hip.y - knee.y, Math.abs(hip.z - knee.z)) * 180) / Math.PI;
}

/** Lowering time between 5 % and 95 % of the rep's excursion, on the clean signal at 1 ms. */
function eccentricOf(
  w: { start: number; bottomFrom: number; rep: RepSpec },
  height: (p: number) => number,
  top: number,
): number {
  const ease = (u: number) => (1 - Math.cos(Math.PI * u)) / 2;
  const depth = top - height(w.rep.depth);
  let low = NaN;
  let high = NaN;
  for (let ms = 0; ms <= w.rep.eccentricS * 1000; ms++) {
    const e = top - height(w.rep.depth * ease(ms / 1000 / w.rep.eccentricS));
    if (Number.isNaN(low) && e >= T.SIGNAL.tempoLow * depth) low = ms;
    if (Number.isNaN(high) && e >= T.SIGNAL.tempoHigh * depth) high = ms;
  }
  return (high - low) / 1000;
}
