import { WeightUnit } from '../../common/units/weight-unit';
import { TemplateDayDto, TemplateSetDto } from '../templates/dto/template.dto';
import { ProgressionTrigger, ProgressionType } from '../training/progression-rule.vocabulary';
import { SetType } from '../training/set-type.vocabulary';
import { exercisesNeedingE1rm, planFromTemplateDay } from './workout-plan';

const prescription = (changes: Partial<TemplateSetDto>): TemplateSetDto => ({
  type: SetType.Normal,
  repsMin: 5,
  repsMax: 8,
  weightKg: null,
  weight: null,
  percentE1rm: null,
  rpeTarget: null,
  rirTarget: null,
  restSeconds: 120,
  ...changes,
});

const exercise = (exerciseId: string, sets: TemplateSetDto[]) => ({
  exerciseId,
  exerciseName: exerciseId,
  equipment: null,
  notes: null,
  progression: { type: ProgressionType.None } as const,
  sets,
});

const day: TemplateDayDto = {
  name: 'Push',
  notes: null,
  exercises: [
    {
      ...exercise('bench', [
        prescription({ type: SetType.WarmUp, repsMin: 10, repsMax: 10, weightKg: 40 }),
        prescription({ percentE1rm: 75, rpeTarget: 8 }),
      ]),
      progression: {
        type: ProgressionType.LinearLoad,
        incrementKg: 2.5,
        increment: 2.5,
        when: ProgressionTrigger.AllSetsTopOfRange,
      },
    },
    exercise('dip', [prescription({ percentE1rm: 80, rirTarget: 2 })]),
    exercise('bench', [prescription({ repsMin: 12, repsMax: 12, percentE1rm: 60 })]),
  ],
};

let ids = 0;
const newId = () => `id-${++ids}`;

describe('planFromTemplateDay', () => {
  beforeEach(() => (ids = 0));

  const context = (unit: WeightUnit) => ({
    workoutId: 'w',
    userId: 'u',
    unit,
    writtenIn: WeightUnit.Kilogram,
    // Bench e1RM 112.5 kg; no history for dips.
    e1rms: new Map([['bench', 112.5]]),
    // No earlier session of the day.
    last: new Map(),
  });

  it('lists the exercises needing an e1RM, once each', () => {
    expect(exercisesNeedingE1rm(day)).toEqual(['bench', 'dip']);
  });

  it('plans each prescription, %e1RM loads rounded to 2.5 kg, an exercise once', () => {
    const rows = planFromTemplateDay(day, context(WeightUnit.Kilogram), newId);
    expect(rows.exercises).toEqual([
      {
        id: 'id-1',
        workoutId: 'w',
        exerciseId: 'bench',
        position: 0,
        notes: null,
        progression: {
          type: ProgressionType.LinearLoad,
          incrementKg: 2.5,
          when: ProgressionTrigger.AllSetsTopOfRange,
        },
        progressionStep: expect.objectContaining({
          outcome: 'start',
          reason: 'first_session',
          basedOnWorkoutId: null,
          // The warm-up aside, bench's working sets are %e1RM: no absolute load to progress.
          templateWeightsKg: [null, null],
        }),
      },
      {
        id: 'id-2',
        workoutId: 'w',
        exerciseId: 'dip',
        position: 1,
        notes: null,
        progression: null,
        progressionStep: null,
      },
    ]);
    expect(
      rows.sets.map((s) => [s.workoutExerciseId, s.position, s.setType, s.plannedWeightKg]),
    ).toEqual([
      ['id-1', 0, SetType.WarmUp, '40'],
      ['id-1', 1, SetType.Normal, '85'], // 75% of 112.5 = 84.375 → 85
      ['id-2', 0, SetType.Normal, null], // no history: no load
      ['id-1', 2, SetType.Normal, '67.5'], // 60% of 112.5 = 67.5
    ]);
    expect(rows.sets[1]).toMatchObject({
      completed: false,
      weightKg: null,
      reps: null,
      e1rmKg: null,
      plannedRepsMin: 5,
      plannedRepsMax: 8,
      plannedPercentE1rm: '75',
      plannedRpe: '8',
      plannedRir: null,
      restSeconds: 120,
    });
  });

  it('rounds to 5 lb for a pound user', () => {
    const rows = planFromTemplateDay(day, context(WeightUnit.Pound), newId);
    // The 40 kg warm-up, written in kg, is 88.18 lb: loaded as 90 lb = 40.823 kg.
    // 75% of 112.5 kg = 186.01 lb → 185 lb = 83.915 kg; 60% = 148.81 lb → 150 lb = 68.039 kg.
    expect(rows.sets.map((s) => s.plannedWeightKg)).toEqual(['40.823', '83.915', null, '68.039']);
  });
});
