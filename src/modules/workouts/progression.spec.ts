import { toKilograms, WeightUnit } from '../../common/units/weight-unit';
import {
  LinearLoadProgression,
  ProgressionTrigger,
  ProgressionType,
} from '../training/progression-rule.vocabulary';
import { SetType } from '../training/set-type.vocabulary';
import {
  deloadKg,
  describeStep,
  increasedKg,
  JudgedSet,
  LastExercise,
  PrescribedSet,
  progressLoads,
} from './progression';

const KG = { unit: WeightUnit.Kilogram, writtenIn: WeightUnit.Kilogram };
const LB_READER = { unit: WeightUnit.Pound, writtenIn: WeightUnit.Kilogram };

const rule = (when: ProgressionTrigger, incrementKg = 2.5): LinearLoadProgression => ({
  type: ProgressionType.LinearLoad,
  incrementKg,
  when,
});
const TOP = rule(ProgressionTrigger.AllSetsTopOfRange);
const COMPLETED = rule(ProgressionTrigger.AllSetsCompleted);

/** The curl of the issue: two sets of 8–10 at 30 kg, after a warm-up at 15 kg. */
const CURL: PrescribedSet[] = [
  { type: SetType.WarmUp, weightKg: 15, repsMin: 12, repsMax: 12 },
  { type: SetType.Normal, weightKg: 30, repsMin: 8, repsMax: 10 },
  { type: SetType.Normal, weightKg: 30, repsMin: 8, repsMax: 10 },
];

/** The last session: its two planned working sets at `plannedKg`, done as `reps` (null: not done). */
function last(
  plannedKg: number,
  reps: (number | null)[],
  previous: Partial<LastExercise['step']> = {},
  doneKg = plannedKg,
): LastExercise {
  const sets: JudgedSet[] = reps.map((done) => ({
    plannedRepsMin: 8,
    plannedRepsMax: 10,
    plannedWeightKg: plannedKg,
    completed: done !== null,
    reps: done,
    weightKg: done === null ? null : doneKg,
  }));
  const first = progressLoads(TOP, CURL, null, KG).step;
  return { workoutId: 'w-last', step: { ...first, ...previous }, sets };
}

describe('progression rules', () => {
  it("starts from the template's loads", () => {
    const { weightsKg, step } = progressLoads(TOP, CURL, null, KG);
    expect(weightsKg).toEqual([15, 30, 30]);
    expect(step).toMatchObject({ outcome: 'start', failedSessions: 0, basedOnWorkoutId: null });
    expect(step.templateWeightsKg).toEqual([30, 30]);
    expect(describeStep(step, WeightUnit.Kilogram)).toBe(
      "First session of this day: the template's loads",
    );
  });

  it('double progression: +2.5 kg once every set reached the top of the range', () => {
    const { weightsKg, step } = progressLoads(TOP, CURL, last(30, [10, 10]), KG);
    expect(weightsKg).toEqual([15, 32.5, 32.5]);
    expect(step).toMatchObject({ outcome: 'increase', basedOnWorkoutId: 'w-last', toKg: 32.5 });
    expect(describeStep(step, WeightUnit.Kilogram)).toBe('+2.5 kg: all sets at 10 reps last time');
  });

  it('holds within the range, which is no failure', () => {
    const { weightsKg, step } = progressLoads(TOP, CURL, last(32.5, [10, 9]), KG);
    expect(weightsKg).toEqual([15, 32.5, 32.5]);
    expect(step).toMatchObject({ outcome: 'hold', failedSessions: 0 });
    expect(describeStep(step, WeightUnit.Kilogram)).toBe(
      'Held: not every set at 10 reps yet (10, 9 last time)',
    );
  });

  it('linear progression: the increment once every set reached repsMin', () => {
    const { weightsKg, step } = progressLoads(COMPLETED, CURL, last(30, [8, 8]), KG);
    expect(weightsKg).toEqual([15, 32.5, 32.5]);
    expect(describeStep(step, WeightUnit.Kilogram)).toBe(
      '+2.5 kg: all sets done with at least 8 reps last time',
    );
  });

  it('holds after a failed session, and deloads by 10% at the third in a row', () => {
    const first = progressLoads(TOP, CURL, last(32.5, [8, 7]), KG);
    expect(first.weightsKg).toEqual([15, 32.5, 32.5]);
    expect(first.step).toMatchObject({ outcome: 'hold', failedSessions: 1 });
    expect(describeStep(first.step, WeightUnit.Kilogram)).toBe(
      'Held: sets short of 8 reps last time (8, 7; 1 of 3 failed sessions before a deload)',
    );
    const second = progressLoads(TOP, CURL, last(32.5, [6, 6], first.step), KG);
    expect(second.step).toMatchObject({ outcome: 'hold', failedSessions: 2 });
    const third = progressLoads(TOP, CURL, last(32.5, [7, null], second.step), KG);
    // 32.5 × 0.9 = 29.25 → 30 (2.5 kg plates); the count starts again.
    expect(third.weightsKg).toEqual([15, 30, 30]);
    expect(third.step).toMatchObject({ outcome: 'deload', failedSessions: 0 });
    expect(describeStep(third.step, WeightUnit.Kilogram)).toBe(
      '−2.5 kg, a deload: 3 failed sessions in a row',
    );
    // A success in between starts the count again.
    const recovered = progressLoads(TOP, CURL, last(32.5, [9, 9], second.step), KG);
    expect(recovered.step).toMatchObject({ outcome: 'hold', failedSessions: 0 });
  });

  it('counts a lighter weight than planned as not done', () => {
    const { step } = progressLoads(TOP, CURL, last(32.5, [10, 10], {}, 30), KG);
    expect(step).toMatchObject({ outcome: 'hold', failedSessions: 1 });
  });

  it('holds an exercise skipped last time, the failure count unchanged', () => {
    const { weightsKg, step } = progressLoads(
      TOP,
      CURL,
      last(32.5, [null, null], { failedSessions: 2 }),
      KG,
    );
    expect(weightsKg).toEqual([15, 32.5, 32.5]);
    expect(step).toMatchObject({ outcome: 'hold', failedSessions: 2 });
    expect(describeStep(step, WeightUnit.Kilogram)).toBe('Held: not done last time');
  });

  it('starts again from a template whose loads changed since the last session', () => {
    const edited = CURL.map((set, i) => (i === 0 ? set : { ...set, weightKg: 25 }));
    const { weightsKg, step } = progressLoads(TOP, edited, last(32.5, [10, 10]), KG);
    expect(weightsKg).toEqual([15, 25, 25]);
    expect(step).toMatchObject({ outcome: 'reset', failedSessions: 0 });
  });

  it('rounds to the plates of a reader of another unit, at least one plate step', () => {
    // The kilogram template read in pounds: 30 kg = 66.14 lb → 65 lb; the warm-up 33.07 → 35.
    const start = progressLoads(TOP, CURL, null, LB_READER);
    expect(start.weightsKg).toEqual([35, 65, 65].map((lb) => toKilograms(lb, WeightUnit.Pound)));
    // 65 lb + 2.5 kg (5.51 lb) = 70.51 → 70 lb.
    const planned = toKilograms(65, WeightUnit.Pound);
    const next = progressLoads(TOP, CURL, last(planned, [10, 10]), LB_READER);
    expect(next.weightsKg[1]).toBe(toKilograms(70, WeightUnit.Pound));
    expect(describeStep(next.step, WeightUnit.Pound)).toBe('+5 lb: all sets at 10 reps last time');
    // A 1 kg increment (2.2 lb) would round to nothing: one plate step instead.
    expect(increasedKg(planned, 1, LB_READER)).toBe(toKilograms(70, WeightUnit.Pound));
    // In the unit it was written in, the increment is added exactly.
    expect(increasedKg(30, 1, KG)).toBe(31);
    expect(
      increasedKg(toKilograms(65, WeightUnit.Pound), toKilograms(5, WeightUnit.Pound), {
        unit: WeightUnit.Pound,
        writtenIn: WeightUnit.Pound,
      }),
    ).toBe(toKilograms(70, WeightUnit.Pound));
  });

  it('deloads to plates, at least one step, never below zero', () => {
    expect(deloadKg(100, WeightUnit.Kilogram)).toBe(90);
    expect(deloadKg(20, WeightUnit.Kilogram)).toBe(17.5);
    expect(deloadKg(2.5, WeightUnit.Kilogram)).toBe(0);
    expect(deloadKg(toKilograms(135, WeightUnit.Pound), WeightUnit.Pound)).toBe(
      toKilograms(120, WeightUnit.Pound),
    );
  });

  it('leaves %e1RM and bodyweight sets to their own rules', () => {
    const mixed: PrescribedSet[] = [
      { type: SetType.Normal, weightKg: null, repsMin: 5, repsMax: 5 },
      { type: SetType.Normal, weightKg: 60, repsMin: 5, repsMax: 5 },
    ];
    const previous: LastExercise = {
      workoutId: 'w',
      step: null,
      sets: [
        {
          plannedRepsMin: 5,
          plannedRepsMax: 5,
          plannedWeightKg: 80,
          completed: true,
          reps: 5,
          weightKg: 80,
        },
        {
          plannedRepsMin: 5,
          plannedRepsMax: 5,
          plannedWeightKg: 60,
          completed: true,
          reps: 5,
          weightKg: 60,
        },
      ],
    };
    const { weightsKg, step } = progressLoads(COMPLETED, mixed, previous, KG);
    expect(weightsKg).toEqual([null, 62.5]);
    expect(step).toMatchObject({ fromKg: 60, toKg: 62.5 });
  });
});
