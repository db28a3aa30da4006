import type { Threshold } from './form-analysis.types';

/**
 * Every limit the rules apply, with where it comes from. Angles are in degrees on the 2D image
 * (the plane the camera sees), so they are only as good as the camera's alignment with that
 * plane; docs/ai-coach.md ("Form analysis") discusses each.
 */
export const RULES_VERSION = 'form-rules-1';

const LEARNOPENCV =
  'LearnOpenCV "AI Fitness Trainer using MediaPipe" (2022), beginner-mode thresholds';

/**
 * Squat depth: the thigh (hip joint centre → knee joint centre) at or below horizontal at the
 * bottom. Powerlifting's rule is "hip crease below the top of the knee" (IPF technical rules);
 * joint centres are what pose models report, and the crease sits a little below the hip centre
 * while the top of the knee sits above its centre, so 0° is the nearest joint-centre reading
 * of that rule.
 */
export const SQUAT_DEPTH_MAX_THIGH_DEG: Threshold = {
  value: 0,
  unit: 'deg',
  flaggedWhen: 'above',
  source:
    'IPF technical rules (hip crease below the top of the knee), read on joint centres as the thigh at or below horizontal',
  judgementCall: true,
};

/** Lunge depth: front knee flexed to at least 80° (knee angle ≤ 100°); "about 90°" coaching cue. */
export const LUNGE_DEPTH_MIN_KNEE_FLEXION_DEG: Threshold = {
  value: 80,
  unit: 'deg',
  flaggedWhen: 'below',
  source: 'Common coaching cue (front knee at about 90°), with 10° of tolerance',
  judgementCall: true,
};

/** Push-up depth: elbows flexed to at least 90° at the bottom. */
export const PUSH_UP_DEPTH_MIN_ELBOW_FLEXION_DEG: Threshold = {
  value: 90,
  unit: 'deg',
  flaggedWhen: 'below',
  source: 'Common push-up standard (upper arm at least parallel to the floor, elbow at 90°)',
  judgementCall: true,
};

/**
 * Knee valgus: frontal-plane projection angle (FPPA), the medial deviation of the knee from the
 * hip–ankle line, measured on 2D video as in Munro, Herrington & Carolan (2012), J Sport
 * Rehabil 21(1):7–11. The paper gives the method and its reliability, not a cut-off: 10° is
 * our judgement, above the healthy single-leg-squat values it reports.
 */
export const KNEE_VALGUS_MAX_FPPA_DEG: Threshold = {
  value: 10,
  unit: 'deg',
  flaggedWhen: 'above',
  source: 'FPPA method: Munro et al. 2012 (J Sport Rehabil 21:7-11); 10° limit is a judgement call',
  judgementCall: true,
};

/** Squat torso lean (hip → shoulder versus vertical) at most 50°. */
export const SQUAT_MAX_TORSO_LEAN_DEG: Threshold = {
  value: 50,
  unit: 'deg',
  flaggedWhen: 'above',
  source: `${LEARNOPENCV}: hip-vertical angle upper bound 50°`,
  judgementCall: false,
};

/** Lunge torso: upright, at most 20° from vertical. */
export const LUNGE_MAX_TORSO_LEAN_DEG: Threshold = {
  value: 20,
  unit: 'deg',
  flaggedWhen: 'above',
  source: 'Coaching cue (upright torso in a forward lunge); 20° is a judgement call',
  judgementCall: true,
};

/**
 * Knee travel: the shin (ankle → knee) versus vertical at most 45°, the "knee falling over the
 * toe" check. COCO-17 has no toe keypoint, so travel is read as the shin angle, not as the knee
 * passing the toes (which is normal in a deep squat).
 */
export const MAX_SHIN_ANGLE_DEG: Threshold = {
  value: 45,
  unit: 'deg',
  flaggedWhen: 'above',
  source: `${LEARNOPENCV}: ankle-vertical angle limit 45°`,
  judgementCall: false,
};

/**
 * Back rounding proxy (hinge): a 2D skeleton has no spine points, so upper-back rounding is
 * approached by the head dropping relative to the torso line: the angle between hip → shoulder
 * and shoulder → ear, above 35°. A proxy, not a spine measurement.
 */
export const HINGE_MAX_NECK_TORSO_DEG: Threshold = {
  value: 35,
  unit: 'deg',
  flaggedWhen: 'above',
  source:
    'Proxy of our own (head-to-torso line angle); 2D keypoints cannot see spinal flexion. Judgement call',
  judgementCall: true,
};

/** Push-up body line: shoulder–hip–ankle at most 15° from straight (hips sagging or piking). */
export const PUSH_UP_MAX_BODY_LINE_DEG: Threshold = {
  value: 15,
  unit: 'deg',
  flaggedWhen: 'above',
  source: 'Coaching standard (rigid plank); 15° is a judgement call',
  judgementCall: true,
};

/** A rep at less than 80 % of the set's deepest excursion is a partial range of motion. */
export const MIN_RELATIVE_RANGE: Threshold = {
  value: 0.8,
  unit: 'ratio',
  flaggedWhen: 'below',
  source: "Relative to the set's deepest rep; 80 % is a judgement call",
  judgementCall: true,
};

/**
 * Tempo: lowering faster than 0.8 s (measured 5 % → 95 % of the excursion, about 0.7 of the
 * whole lowering) is an uncontrolled descent. Guidance asks for a controlled eccentric of
 * 1–2 s or more (ACSM position stand on progression models, 2009); the exact cut is ours.
 */
export const MIN_ECCENTRIC_S: Threshold = {
  value: 0.8,
  unit: 's',
  flaggedWhen: 'below',
  source:
    'ACSM 2009 progression models (controlled 1-2 s eccentric); 0.8 s cut is a judgement call',
  judgementCall: true,
};

/** Left–right: the hip line (shoulder line in a push-up) tilted more than 8° at the bottom. */
export const MAX_TILT_DEG: Threshold = {
  value: 8,
  unit: 'deg',
  flaggedWhen: 'above',
  source: 'Judgement call (a visible lateral shift); no published cut-off for 2D pose',
  judgementCall: true,
};

/** Signal processing, not form limits. */
export const SIGNAL = {
  /** Keypoints below this visibility are treated as missing (MediaPipe's default 0.5). */
  minVisibility: 0.5,
  /** Missing stretches up to this long are bridged linearly; longer ones stay missing. */
  maxGapS: 0.5,
  /** Half-width of the centred moving average. */
  smoothingHalfWindowS: 0.07,
  /** Half-width of the average of an angle series before its extreme in a rep is read. */
  featureSmoothingS: 0.1,
  /** A rep is a descent past this share of the set's deepest excursion and a return. */
  repEnterRatio: 0.5,
  /** ... returning above this share (hysteresis, so noise at one level counts once). */
  repExitRatio: 0.2,
  /** Movements deeper than this share but shallower than repEnterRatio are partial movements. */
  partialRatio: 0.2,
  /** The deepest excursion must be at least this share of the torso length to be movement. */
  minExcursionTorso: 0.15,
  /** Tempo is read between these shares of a rep's own excursion. */
  tempoLow: 0.05,
  tempoHigh: 0.95,
  /** Valgus is read only where the thigh still spans this share of its standing height on the image. */
  valgusThighSpan: 0.5,
} as const;
