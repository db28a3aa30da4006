/**
 * Scores the analyser against synthetic sets from the kinematic model: per-rule precision and
 * recall over (rep, rule) findings, and rep-count accuracy. Shared by the specs and bench
 * figure 8.
 */
import { analyseSet } from '../analyse-set';
import type { CameraView, Exercise, RuleId } from '../form-analysis.types';
import { EXERCISE_RULES } from '../rules';
import type { Skeleton } from '../skeletons';
import { random, type SyntheticSetSpec, syntheticSet, truthOf } from './kinematic-model';

export interface RuleScore {
  rule: RuleId;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface Evaluation {
  sets: number;
  frames: number;
  exactRepCounts: number;
  repCountAccuracy: number;
  meanAbsoluteRepError: number;
  rules: RuleScore[];
  /** Rules reported as measured in a view that cannot measure them (should be 0). */
  guessedFromWrongView: number;
}

const EXERCISE_LIST: Exercise[] = ['squat', 'deadlift', 'push_up', 'lunge'];
const VIEWS: CameraView[] = ['side', 'front'];
const SKELETON_LIST: Skeleton[] = ['coco17', 'blazepose33'];

/**
 * The i-th set of a seeded population: every exercise, view and skeleton; bottoms drawn on both
 * sides of each threshold; some partial reps, pauses, fast descents; noise and dropouts as a
 * phone pose model shows them (a few pixels; a few per cent of keypoints).
 */
export function randomSpec(seed: number, i: number): SyntheticSetSpec {
  const rng = random(seed * 100_003 + i);
  const pick = <T>(xs: T[]) => xs[Math.floor(rng.next() * xs.length)];
  const range = (lo: number, hi: number) => lo + rng.next() * (hi - lo);
  const exercise = EXERCISE_LIST[i % EXERCISE_LIST.length];
  const repCount = 3 + Math.floor(rng.next() * 6);
  const reps = Array.from({ length: repCount }, () => ({
    depth: rng.next() < 0.15 ? range(0.55, 0.75) : 1,
    eccentricS: range(0.6, 2.5),
    pauseS: rng.next() < 0.3 ? range(0.3, 1.5) : range(0, 0.2),
    concentricS: range(0.6, 1.5),
  }));
  const bottoms: Record<Exercise, SyntheticSetSpec['bottom']> = {
    squat: {
      thighDeg: range(-20, 15),
      torsoDeg: range(25, 65),
      shinDeg: range(20, 55),
      valgusDeg: range(0, 22),
      tiltDeg: range(0, 14),
    },
    deadlift: { neckDeg: range(0, 60), valgusDeg: range(0, 22), tiltDeg: range(0, 14) },
    push_up: { elbowDeg: range(70, 110), bodyLineDeg: range(0, 30), tiltDeg: range(0, 14) },
    lunge: {
      thighDeg: range(-5, 25),
      torsoDeg: range(0, 35),
      shinDeg: range(5, 55),
      valgusDeg: range(0, 22),
    },
  };
  return {
    exercise,
    view: pick(VIEWS),
    skeleton: pick(SKELETON_LIST),
    fps: pick([30, 30, 60]),
    reps,
    bottom: bottoms[exercise],
    cameraSide: pick(['left', 'right'] as const),
    noisePx: range(0, 4),
    dropRate: range(0, 0.05),
    frameDropRate: range(0, 0.05),
    seed: seed * 7919 + i,
  };
}

/** Pairs each detected rep with the true rep whose bottom is nearest (within 0.75 s). */
function matchReps(detectedBottomsS: number[], truthBottomsS: number[]): (number | null)[] {
  const used = new Set<number>();
  return detectedBottomsS.map((d) => {
    let best: number | null = null;
    truthBottomsS.forEach((b, j) => {
      if (used.has(j) || Math.abs(b - d) > 0.75) return;
      if (best === null || Math.abs(b - d) < Math.abs(truthBottomsS[best] - d)) best = j;
    });
    if (best !== null) used.add(best);
    return best;
  });
}

export function evaluate(specs: SyntheticSetSpec[]): Evaluation {
  const counts = new Map<RuleId, { tp: number; fp: number; fn: number }>();
  let exact = 0;
  let absError = 0;
  let frames = 0;
  let guessed = 0;
  for (const spec of specs) {
    const set = syntheticSet(spec);
    frames += set.frames.length;
    const truth = truthOf(spec);
    const analysis = analyseSet(set);
    if (analysis.repCount === truth.repCount) exact++;
    absError += Math.abs(analysis.repCount - truth.repCount);
    const match = matchReps(
      analysis.reps.map((r) => r.bottomMs / 1000),
      truth.bottomsS,
    );
    for (const rule of EXERCISE_RULES[spec.exercise]) {
      const outcome = analysis.rules.find((r) => r.rule === rule.id)!;
      if (rule.view && rule.view !== spec.view) {
        if (outcome.status !== 'not_measurable') guessed++;
        continue;
      }
      const c = counts.get(rule.id) ?? { tp: 0, fp: 0, fn: 0 };
      const flaggedTruth = new Set<number>();
      truth.flagged.forEach((flags, j) => flags.has(rule.id) && flaggedTruth.add(j));
      const found = new Set<number>();
      for (const finding of analysis.findings.filter((f) => f.rule === rule.id)) {
        const j = match[finding.rep - 1];
        if (j !== null && flaggedTruth.has(j)) {
          if (!found.has(j)) c.tp++;
          found.add(j);
        } else c.fp++;
      }
      c.fn += flaggedTruth.size - found.size;
      counts.set(rule.id, c);
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    sets: specs.length,
    frames,
    exactRepCounts: exact,
    repCountAccuracy: ratio(exact, specs.length),
    meanAbsoluteRepError: absError / Math.max(1, specs.length),
    guessedFromWrongView: guessed,
    rules: [...counts].map(([rule, c]) => ({
      rule,
      truePositives: c.tp,
      falsePositives: c.fp,
      falseNegatives: c.fn,
      precision: ratio(c.tp, c.tp + c.fp),
      recall: ratio(c.tp, c.tp + c.fn),
    })),
  };
}
