import { analyseSet } from './analyse-set';
import { EXERCISES, type FormAnalysis, type RuleId } from './form-analysis.types';
import {
  type BottomPose,
  random,
  type SyntheticSetSpec,
  syntheticSet,
} from './testing/kinematic-model';
import { evaluate, randomSpec } from './testing/evaluate';
import * as T from './thresholds';
import { JOINT_INDEX, KEYPOINT_COUNT } from './skeletons';

const REP = { depth: 1, eccentricS: 1.5, pauseS: 0.2, concentricS: 1 };

function analyse(
  exercise: SyntheticSetSpec['exercise'],
  view: SyntheticSetSpec['view'],
  bottom: Partial<BottomPose> = {},
  extra: Partial<SyntheticSetSpec> = {},
): FormAnalysis {
  return analyseSet(
    syntheticSet({
      exercise,
      view,
      skeleton: 'coco17',
      fps: 30,
      reps: [REP, REP, REP],
      bottom,
      noisePx: 1.5,
      dropRate: 0.02,
      seed: 11,
      ...extra,
    }),
  );
}

const status = (a: FormAnalysis, rule: RuleId) => a.rules.find((r) => r.rule === rule)?.status;
const flaggedReps = (a: FormAnalysis, rule: RuleId) =>
  a.findings.filter((f) => f.rule === rule).map((f) => f.rep);

describe('analyseSet', () => {
  describe.each`
    exercise      | view       | rule               | good                  | bad
    ${'squat'}    | ${'side'}  | ${'depth'}         | ${{ thighDeg: -10 }}  | ${{ thighDeg: 12 }}
    ${'squat'}    | ${'side'}  | ${'torso_angle'}   | ${{ torsoDeg: 35 }}   | ${{ torsoDeg: 62 }}
    ${'squat'}    | ${'side'}  | ${'knee_travel'}   | ${{ shinDeg: 30 }}    | ${{ shinDeg: 55 }}
    ${'squat'}    | ${'front'} | ${'knee_valgus'}   | ${{ valgusDeg: 3 }}   | ${{ valgusDeg: 18 }}
    ${'squat'}    | ${'front'} | ${'asymmetry'}     | ${{ tiltDeg: 2 }}     | ${{ tiltDeg: 14 }}
    ${'deadlift'} | ${'side'}  | ${'back_rounding'} | ${{ neckDeg: 10 }}    | ${{ neckDeg: 55 }}
    ${'deadlift'} | ${'front'} | ${'knee_valgus'}   | ${{ valgusDeg: 2 }}   | ${{ valgusDeg: 18 }}
    ${'push_up'}  | ${'side'}  | ${'depth'}         | ${{ elbowDeg: 100 }}  | ${{ elbowDeg: 70 }}
    ${'push_up'}  | ${'side'}  | ${'body_line'}     | ${{ bodyLineDeg: 5 }} | ${{ bodyLineDeg: 28 }}
    ${'push_up'}  | ${'front'} | ${'asymmetry'}     | ${{ tiltDeg: 2 }}     | ${{ tiltDeg: 14 }}
    ${'lunge'}    | ${'side'}  | ${'depth'}         | ${{ thighDeg: 0 }}    | ${{ thighDeg: 25, shinDeg: 10 }}
    ${'lunge'}    | ${'side'}  | ${'torso_angle'}   | ${{ torsoDeg: 8 }}    | ${{ torsoDeg: 32 }}
    ${'lunge'}    | ${'side'}  | ${'knee_travel'}   | ${{ shinDeg: 20 }}    | ${{ shinDeg: 55 }}
    ${'lunge'}    | ${'front'} | ${'knee_valgus'}   | ${{ valgusDeg: 3 }}   | ${{ valgusDeg: 18 }}
  `('$exercise, $view view: $rule', ({ exercise, view, rule, good, bad }) => {
    it('passes good form', () => {
      const a = analyse(exercise, view, good);
      expect(a.repCount).toBe(3);
      expect(status(a, rule)).toBe('pass');
    });

    it('flags every rep of bad form, naming the rep, the measure and the threshold', () => {
      const a = analyse(exercise, view, bad);
      expect(status(a, rule)).toBe('flagged');
      expect(flaggedReps(a, rule)).toEqual([1, 2, 3]);
      const finding = a.findings.find((f) => f.rule === rule)!;
      expect(finding.threshold.source.length).toBeGreaterThan(10);
      expect(finding.message).toContain(`Rep 1`);
      expect(finding.message).toContain(String(finding.threshold.value));
      const { flaggedWhen, value } = finding.threshold;
      expect(flaggedWhen === 'above' ? finding.measured > value : finding.measured < value).toBe(
        true,
      );
    });
  });

  it('flags only the partial rep for range of motion, and only the fast descent for tempo', () => {
    const a = analyseSet(
      syntheticSet({
        exercise: 'squat',
        view: 'side',
        skeleton: 'blazepose33',
        fps: 60,
        reps: [REP, { ...REP, depth: 0.8 }, REP, { ...REP, eccentricS: 0.5 }, REP],
        noisePx: 2,
        seed: 5,
      }),
    );
    expect(a.repCount).toBe(5);
    expect(flaggedReps(a, 'range_of_motion')).toEqual([2]);
    expect(flaggedReps(a, 'tempo')).toEqual([4]);
    expect(a.reps[3].eccentricMs).toBeLessThan(T.MIN_ECCENTRIC_S.value * 1000);
  });

  it('reports what a view cannot measure as not measurable, never as a finding', () => {
    const side = analyse('squat', 'side', { valgusDeg: 20, tiltDeg: 14 });
    expect(status(side, 'knee_valgus')).toBe('not_measurable');
    expect(status(side, 'asymmetry')).toBe('not_measurable');
    expect(side.rules.find((r) => r.rule === 'knee_valgus')!.reason).toMatch(
      /not measurable from this view/,
    );
    const front = analyse('squat', 'front', { thighDeg: 15, torsoDeg: 65, shinDeg: 55 });
    for (const rule of ['depth', 'torso_angle', 'knee_travel'] as const) {
      expect(status(front, rule)).toBe('not_measurable');
      expect(flaggedReps(front, rule)).toEqual([]);
    }
  });

  it('analyses the side facing the camera, whichever it is, and either skeleton', () => {
    const a = analyse(
      'squat',
      'side',
      { thighDeg: 12 },
      {
        cameraSide: 'right',
        skeleton: 'blazepose33',
      },
    );
    expect(a.analysedSide).toBe('right');
    expect(flaggedReps(a, 'depth')).toEqual([1, 2, 3]);
  });

  it('says a rule is not measurable when its keypoints are never visible', () => {
    const set = syntheticSet({
      exercise: 'deadlift',
      view: 'side',
      skeleton: 'coco17',
      fps: 30,
      reps: [REP, REP],
      seed: 3,
    });
    const ear = JOINT_INDEX.coco17.leftEar * 3 + 2;
    for (const frame of set.frames) frame.keypoints[ear] = 0;
    const a = analyseSet(set);
    expect(a.repCount).toBe(2);
    expect(status(a, 'back_rounding')).toBe('not_measurable');
    expect(a.rules.find((r) => r.rule === 'back_rounding')!.reason).toMatch(/not visible/);
  });

  it('finds no rep, and measures nothing, in a set of standing still', () => {
    const a = analyse('squat', 'side', {}, { reps: [], topHoldS: 4, noisePx: 3 });
    expect(a.repCount).toBe(0);
    expect(a.findings).toEqual([]);
    expect(a.rules.every((r) => r.status === 'not_measurable')).toBe(true);
  });

  // Near-threshold sets with 3-4 px of noise push knee valgus precision down to about 0.7
  // (docs/ai-coach.md, "Form analysis"): the bar is set there, not at what we would like.
  it('scores well on a seeded population of synthetic sets (noise, dropouts, both views)', () => {
    const result = evaluate(Array.from({ length: 24 }, (_, i) => randomSpec(2, i)));
    expect(result.repCountAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(result.guessedFromWrongView).toBe(0);
    for (const rule of result.rules) {
      expect({ rule: rule.rule, ok: rule.precision >= 0.7 && rule.recall >= 0.85 }).toEqual({
        rule: rule.rule,
        ok: true,
      });
    }
  });
});

describe('analyseSet on arbitrary valid input', () => {
  it('never throws and never answers a non-finite number (JSON would turn it into null)', () => {
    const rng = random(99);
    for (let n = 0; n < 60; n++) {
      const skeleton = n % 2 === 0 ? 'coco17' : 'blazepose33';
      const count = KEYPOINT_COUNT[skeleton] * 3;
      const still = n % 3 === 0; // every keypoint at one point: zero-length segments
      const frames = Array.from({ length: 10 + Math.floor(rng.next() * 200) }, (_, i) => ({
        t: i * 33,
        keypoints: Array.from({ length: count }, (_, k) =>
          k % 3 === 2 ? rng.next() : still ? 0.5 : rng.next() * 3 - 1,
        ),
      }));
      const analysis = analyseSet({
        exercise: EXERCISES[n % EXERCISES.length],
        skeleton,
        view: n % 4 < 2 ? 'side' : 'front',
        frameRate: 30,
        imageWidth: 720,
        imageHeight: 1280,
        frames,
      });
      const numbers: number[] = [];
      JSON.stringify(analysis, (_key, value: unknown) => {
        if (typeof value === 'number') numbers.push(value);
        return value;
      });
      expect(numbers.every(Number.isFinite)).toBe(true);
    }
  });
});
