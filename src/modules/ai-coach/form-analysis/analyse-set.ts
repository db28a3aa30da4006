import type {
  Finding,
  FormAnalysis,
  PoseSet,
  RepSummary,
  RuleOutcome,
} from './form-analysis.types';
import { percentile, segmentReps, type RepWindow } from './reps';
import { crosses, EXERCISE_RULES, type Rule, type RuleContext } from './rules';
import type { Joint } from './skeletons';
import { RULES_VERSION, SIGNAL } from './thresholds';
import { buildTracks, type Track, type Tracks } from './tracks';

type Side = 'left' | 'right';

const VIEW_NEEDED: Record<string, string> = {
  side: 'not measurable from this view: needs a side view (the sagittal plane)',
  front: 'not measurable from this view: needs a front view (the frontal plane)',
};

/**
 * Analyses one set of pose keypoints: smooths the joints, counts reps on the height of the
 * hips (shoulders for push-ups and hinges), then applies the exercise's rules to each rep.
 * Pure and synchronous: the input is validated by the caller (see check-pose-set.ts).
 */
export function analyseSet(set: PoseSet): FormAnalysis {
  const tracks = buildTracks(set);
  const side = set.view === 'side' ? visibleSide(tracks) : null;
  const facing = side ? facingOf(tracks, side) : 1;
  const heightJoint =
    set.exercise === 'push_up' || set.exercise === 'deadlift' ? 'Shoulder' : 'Hip';
  const height = side
    ? tracks.joints[`${side}${heightJoint}` as Joint].y
    : average(
        tracks.joints[`left${heightJoint}` as Joint].y,
        tracks.joints[`right${heightJoint}` as Joint].y,
      );
  const scale = bodyScale(tracks, side);
  const { reps, partialMovements } = segmentReps(
    tracks.t,
    height,
    SIGNAL.minExcursionTorso * scale,
  );

  const ctx: RuleContext = {
    exercise: set.exercise,
    tracks,
    side,
    facing,
    standingThighSpan: { left: thighSpan(tracks, 'left'), right: thighSpan(tracks, 'right') },
  };
  const findings: Finding[] = [];
  const rules = EXERCISE_RULES[set.exercise].map((rule) =>
    applyRule(rule, ctx, set.view, reps, findings),
  );
  const n = set.frames.length;
  return {
    exercise: set.exercise,
    view: set.view,
    skeleton: set.skeleton,
    analysedSide: side,
    repCount: reps.length,
    partialMovements,
    reps: reps.map((rep, i) => summary(tracks, rep, i + 1)),
    rules,
    findings,
    quality: {
      frames: n,
      durationMs: n === 0 ? 0 : set.frames[n - 1].t - set.frames[0].t,
      lowVisibilityShare: round(
        Object.values(tracks.lowVisibility).reduce((a, b) => a + b, 0) /
          Object.keys(tracks.lowVisibility).length,
        3,
      ),
    },
    rulesVersion: RULES_VERSION,
  };
}

function applyRule(
  rule: Rule,
  ctx: RuleContext,
  view: string,
  reps: RepWindow[],
  findings: Finding[],
): RuleOutcome {
  const outcome = (status: RuleOutcome['status'], reason: string | null): RuleOutcome => ({
    rule: rule.id,
    status,
    reason,
    threshold: rule.threshold,
  });
  if (rule.view && rule.view !== view) return outcome('not_measurable', VIEW_NEEDED[rule.view]);
  if (reps.length === 0) return outcome('not_measurable', 'no rep was found in the set');
  let measured = 0;
  let flagged = 0;
  reps.forEach((rep, index) => {
    const m = rule.measureRep(ctx, rep);
    if (!m) return;
    measured++;
    if (!crosses(rule.threshold, m.value)) return;
    flagged++;
    const value = round(m.value, rule.threshold.unit === 'ratio' ? 2 : 1);
    const unit = rule.threshold.unit === 'deg' ? '°' : rule.threshold.unit === 's' ? ' s' : '';
    const who = m.side ? ` (${m.side})` : '';
    findings.push({
      rule: rule.id,
      rep: index + 1,
      side: m.side,
      measure: rule.measure,
      measured: value,
      threshold: rule.threshold,
      message:
        `Rep ${index + 1}${who}: ${rule.verdict}; ${rule.measure} was ${value}${unit}, ` +
        `${rule.threshold.flaggedWhen} the limit of ${rule.threshold.value}${unit}.`,
    });
  });
  if (measured === 0) {
    return outcome(
      'not_measurable',
      'the keypoints this rule needs were not visible enough in any rep',
    );
  }
  return outcome(flagged > 0 ? 'flagged' : 'pass', null);
}

function summary(tracks: Tracks, rep: RepWindow, number: number): RepSummary {
  const ms = (s: number) => Math.round(s * 1000);
  return {
    rep: number,
    startMs: ms(tracks.t[rep.start]),
    bottomMs: ms(tracks.t[rep.bottom]),
    endMs: ms(tracks.t[rep.end]),
    eccentricMs: ms(rep.eccentricS),
    pauseMs: ms(rep.pauseS),
    concentricMs: ms(rep.concentricS),
    relativeRange: round(rep.relativeRange, 2),
  };
}

/** The body side the camera sees best: the one whose leg and trunk keypoints are visible most. */
function visibleSide(tracks: Tracks): Side {
  const missing = (side: Side) =>
    ['Shoulder', 'Hip', 'Knee', 'Ankle', 'Elbow'].reduce(
      (sum, name) => sum + tracks.lowVisibility[`${side}${name}` as Joint],
      0,
    );
  return missing('right') < missing('left') ? 'right' : 'left';
}

/** Which way the person faces in a side view: the nose is ahead of the ear. */
function facingOf(tracks: Tracks, side: Side): number {
  const nose = tracks.joints.nose.x;
  const ear = tracks.joints[`${side}Ear` as Joint].x;
  const ahead = percentile(
    Array.from(nose, (x, i) => x - ear[i]),
    0.5,
  );
  if (Number.isFinite(ahead) && ahead !== 0) return Math.sign(ahead);
  // No head keypoints: toes point forward, but COCO has none; the knee bends forward of the
  // hip in a squat, so the median knee-ahead-of-hip direction is the next best guess.
  const knee = tracks.joints[`${side}Knee` as Joint].x;
  const hip = tracks.joints[`${side}Hip` as Joint].x;
  return (
    Math.sign(
      percentile(
        Array.from(knee, (x, i) => x - hip[i]),
        0.5,
      ),
    ) || 1
  );
}

/** A length that scales with the body on the image: the torso, or the shoulders' width if larger. */
function bodyScale(tracks: Tracks, side: Side | null): number {
  const dist = (a: Track, b: Track) =>
    Array.from(a.x, (x, i) => Math.hypot(x - b.x[i], a.y[i] - b.y[i]));
  const j = tracks.joints;
  const torso = side
    ? dist(j[`${side}Shoulder` as Joint], j[`${side}Hip` as Joint])
    : dist(j.leftShoulder, j.leftHip);
  const width = dist(j.leftShoulder, j.rightShoulder);
  return Math.max(percentile(torso, 0.5) || 0, side ? 0 : percentile(width, 0.5) || 0);
}

/** How tall a thigh stands on the image (95th percentile of hip above knee). */
function thighSpan(tracks: Tracks, side: Side): number {
  const hip = tracks.joints[`${side}Hip` as Joint].y;
  const knee = tracks.joints[`${side}Knee` as Joint].y;
  return percentile(
    Array.from(hip, (y, i) => y - knee[i]),
    0.95,
  );
}

/** Mean of two series, or the one present where the other is missing. */
function average(a: Float64Array, b: Float64Array): Float64Array {
  return a.map((v, i) => (Number.isNaN(v) ? b[i] : Number.isNaN(b[i]) ? v : (v + b[i]) / 2));
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
