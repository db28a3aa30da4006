import type { Skeleton } from './skeletons';

export const EXERCISES = ['squat', 'deadlift', 'push_up', 'lunge'] as const;
export type Exercise = (typeof EXERCISES)[number];

/**
 * Where the camera stands: `side` (sagittal plane, either side of the body) or `front`
 * (frontal plane; a camera behind the person sees the same plane mirrored and is sent as
 * `front` with the left/right labels the pose model gives).
 */
export const CAMERA_VIEWS = ['side', 'front'] as const;
export type CameraView = (typeof CAMERA_VIEWS)[number];

export interface PoseFrame {
  /** Milliseconds since the start of the set. */
  t: number;
  /** x, y, visibility per keypoint, in the skeleton's order. */
  keypoints: number[];
}

export interface PoseSet {
  exercise: Exercise;
  skeleton: Skeleton;
  view: CameraView;
  frameRate: number;
  imageWidth: number;
  imageHeight: number;
  frames: PoseFrame[];
}

export const RULES = [
  'depth',
  'knee_valgus',
  'torso_angle',
  'back_rounding',
  'body_line',
  'knee_travel',
  'range_of_motion',
  'tempo',
  'asymmetry',
] as const;
export type RuleId = (typeof RULES)[number];

export type RuleStatus = 'pass' | 'flagged' | 'not_measurable' | 'not_applicable';

export interface Threshold {
  /** The limit, in `unit`. */
  value: number;
  unit: 'deg' | 's' | 'ratio';
  /** A finding is raised when the measured value is `above` (or `below`) the limit. */
  flaggedWhen: 'above' | 'below';
  /** Where the limit comes from. */
  source: string;
  /** True where the limit is our own judgement rather than a published number. */
  judgementCall: boolean;
}

export interface Finding {
  rule: RuleId;
  /** 1-based rep number. */
  rep: number;
  /** Left or right for one-sided measures (valgus of one knee), otherwise null. */
  side: 'left' | 'right' | null;
  /** What was measured, e.g. "thigh angle above horizontal at the bottom". */
  measure: string;
  measured: number;
  threshold: Threshold;
  message: string;
}

export interface RuleOutcome {
  rule: RuleId;
  status: RuleStatus;
  /** Why a rule could not be measured or does not apply; null otherwise. */
  reason: string | null;
  threshold: Threshold | null;
}

export interface RepSummary {
  /** 1-based. */
  rep: number;
  startMs: number;
  bottomMs: number;
  endMs: number;
  /** Lowering time, 5 % → 95 % of this rep's excursion. */
  eccentricMs: number;
  /** Time held within 5 % of the bottom. */
  pauseMs: number;
  /** Rising time, 95 % → 5 % of this rep's excursion. */
  concentricMs: number;
  /** Excursion relative to the deepest rep of the set (1 = the deepest). */
  relativeRange: number;
}

export interface FormAnalysis {
  exercise: Exercise;
  view: CameraView;
  skeleton: Skeleton;
  /** The body side facing the camera in a side view (the one analysed); null in a front view. */
  analysedSide: 'left' | 'right' | null;
  repCount: number;
  /** Movements that went down less than half as far as the deepest rep: not counted as reps. */
  partialMovements: number;
  reps: RepSummary[];
  rules: RuleOutcome[];
  findings: Finding[];
  quality: {
    frames: number;
    durationMs: number;
    /** Share of the needed keypoint samples below the visibility floor (interpolated or missing). */
    lowVisibilityShare: number;
  };
  rulesVersion: string;
}
