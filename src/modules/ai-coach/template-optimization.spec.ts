import type { TemplateDayDto } from '../templates/dto/template.dto';
import { Equipment, ExerciseLevel } from '../training/exercise-attributes.vocabulary';
import { ProgressionType } from '../training/progression-rule.vocabulary';
import { SetType } from '../training/set-type.vocabulary';
import { applyChanges, ChangeKind, ExerciseSession, proposeChanges } from './template-optimization';
import { libraryCatalogue } from './testing/library.fixture';
import type { TrainingLoad } from './training-load';

const catalogue = libraryCatalogue();
const SQUAT = 'Barbell_Squat';
const BENCH = 'Barbell_Bench_Press_-_Medium_Grip';

function day(exerciseIds: string[], sets = 3): TemplateDayDto {
  return {
    name: 'Day',
    notes: null,
    exercises: exerciseIds.map((exerciseId) => ({
      exerciseId,
      exerciseName: exerciseId,
      equipment: Equipment.Barbell,
      notes: null,
      progression: { type: ProgressionType.None },
      sets: Array.from({ length: sets }, () => ({
        type: SetType.Normal,
        repsMin: 5,
        repsMax: 8,
        weightKg: 100,
        weight: 100,
        percentE1rm: null,
        rpeTarget: 8,
        rirTarget: null,
        restSeconds: 180,
      })),
    })),
  } as TemplateDayDto;
}

const sessions = (
  exerciseId: string,
  e1rms: number[],
  missed = 0,
  drift: number | null = 0,
): ExerciseSession[] =>
  e1rms.map((bestE1rmKg, i) => ({
    exerciseId,
    sessionAt: new Date(Date.UTC(2026, 10, 2 + i * 3)),
    bestE1rmKg,
    sets: 3,
    missedSets: missed,
    rpeDrift: drift,
  }));

const input = (
  history: ExerciseSession[],
  days = [day([SQUAT, BENCH], 4), day([SQUAT, BENCH], 4)],
) => ({
  days,
  history,
  catalogue,
  equipment: Object.values(Equipment),
  level: ExerciseLevel.Intermediate,
});

describe('proposeChanges', () => {
  it('proposes nothing for an exercise with fewer than three sessions', () => {
    expect(proposeChanges(input(sessions(SQUAT, [120, 110])))).toEqual([]);
  });

  it('deloads on RPE drift, swaps a stalled lift for a variation, adds load to a progressing one', () => {
    const changes = proposeChanges(
      input([
        ...sessions(SQUAT, [120, 121, 122], 0, 1.5),
        ...sessions(BENCH, [100, 101, 100, 100.5, 100.2]),
      ]),
    );
    const squat = changes.find((c) => c.exerciseId === SQUAT)!;
    expect(squat).toMatchObject({ kind: ChangeKind.Deload, dayIndex: 0, exerciseIndex: 0 });
    expect(squat.evidence.rpeDrift).toBe(1.5);
    const bench = changes.find((c) => c.exerciseId === BENCH)!;
    expect(bench.kind).toBe(ChangeKind.SwapExercise);
    expect(bench.replacementExerciseId).not.toBeNull();
    expect(bench.evidence).toMatchObject({ bestRecentE1rmKg: 100.5, bestEarlierE1rmKg: 101 });

    const rising = proposeChanges(input(sessions(BENCH, [90, 92, 95, 97, 100])));
    expect(rising.find((c) => c.exerciseId === BENCH)).toMatchObject({
      kind: ChangeKind.IncreaseLoad,
    });
  });

  it('rebalances weekly volume below 6 or above 20 sets per muscle', () => {
    const low = proposeChanges(input([], [day([SQUAT], 2)]));
    expect(low).toEqual([
      expect.objectContaining({
        kind: ChangeKind.AddSet,
        exerciseId: SQUAT,
        evidence: expect.objectContaining({ muscle: 'quadriceps', weeklySets: 2 }),
      }),
    ]);
    const high = proposeChanges(input([], [day([SQUAT], 8), day([SQUAT], 8), day([SQUAT], 8)]));
    expect(high[0]).toMatchObject({ kind: ChangeKind.RemoveSet, exerciseId: SQUAT });
  });

  it('applies only the chosen changes', () => {
    const days = [day([SQUAT, BENCH])];
    const changes = proposeChanges(
      input(
        [...sessions(SQUAT, [120, 121, 122], 2, null), ...sessions(BENCH, [90, 92, 95, 97, 100])],
        days,
      ),
    );
    const deload = changes.find((c) => c.kind === ChangeKind.Deload)!;
    const [applied] = applyChanges(days, [deload]);
    expect(applied.exercises[0].sets.map((s) => [s.weightKg, s.rpeTarget])).toEqual([
      [90, 7],
      [90, 7],
      [90, 7],
    ]);
    expect(applied.exercises[1].sets.map((s) => s.weightKg)).toEqual([100, 100, 100]);
  });
});

describe('proposeChanges with the training load', () => {
  const load = (acwr: number | null, zone: TrainingLoad['zone']): TrainingLoad => ({
    acuteLoad: 2160,
    chronicWeeklyLoad: 1350,
    acwr,
    zone,
    sessionsAcute: 3,
    sessionsChronic: 12,
    sessionsWithoutRpe: 0,
    historyDays: 40,
  });

  it('proposes a deload week of every exercise when the acute:chronic ratio runs high, with the numbers', () => {
    const changes = proposeChanges({
      ...input(sessions(SQUAT, [120, 121, 122], 0, 1.5)),
      load: load(1.6, 'high'),
    });
    const deloads = changes.filter((c) => c.kind === ChangeKind.Deload);
    // The squat is deloaded once (by its RPE drift), the bench for the load.
    expect(deloads.map((c) => c.exerciseId)).toEqual([SQUAT, BENCH]);
    const bench = deloads.find((c) => c.exerciseId === BENCH)!;
    expect(bench.evidence).toMatchObject({
      acwr: 1.6,
      acuteLoad: 2160,
      chronicWeeklyLoad: 1350,
      acwrHigh: 1.5,
    });
    expect(bench.reason).toMatch(/acute:chronic ratio of 1\.6 above 1\.5/);
  });

  it('proposes no deload for a load in the sweet spot or without enough history', () => {
    for (const l of [load(1.1, 'optimal'), load(null, 'unknown')]) {
      const changes = proposeChanges({ ...input(sessions(BENCH, [100, 102, 104])), load: l });
      expect(changes.filter((c) => c.kind === ChangeKind.Deload)).toEqual([]);
    }
  });
});
