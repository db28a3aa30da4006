import { Equipment } from '../training/exercise-attributes.vocabulary';
import { ExerciseStatus } from '../exercises/exercise.vocabulary';
import { ProgressionTrigger, ProgressionType } from '../training/progression-rule.vocabulary';
import { SetType } from '../training/set-type.vocabulary';
import {
  copyName,
  DayPlan,
  deriveFacts,
  exerciseReferenceErrors,
  structureRows,
} from './template-structure';

const set = { type: SetType.Normal, repsMin: 5, restSeconds: 90 };

const days: DayPlan[] = [
  {
    name: 'Push',
    exercises: [
      { exerciseId: 'bench', sets: [set] },
      { exerciseId: 'dips', sets: [set] },
    ],
  },
  { name: 'Pull', exercises: [{ exerciseId: 'row', sets: [set] }] },
];

describe('deriveFacts', () => {
  it('counts the days and unites the equipment in the enum order, ignoring exercises without any', () => {
    const exercises = new Map([
      ['bench', { equipment: Equipment.Barbell }],
      ['dips', { equipment: null }],
      ['row', { equipment: Equipment.Barbell }],
    ]);
    expect(deriveFacts(days, exercises)).toEqual({
      daysPerWeek: 2,
      equipment: [Equipment.Barbell],
    });

    exercises.set('dips', { equipment: Equipment.BodyOnly });
    exercises.set('row', { equipment: Equipment.Bands });
    expect(deriveFacts(days, exercises).equipment).toEqual([
      Equipment.Bands,
      Equipment.Barbell,
      Equipment.BodyOnly,
    ]);
  });
});

describe('exerciseReferenceErrors', () => {
  const approved = { status: ExerciseStatus.Approved };
  const pending = { status: ExerciseStatus.Pending };

  it('names the path of every exercise the owner cannot use', () => {
    const usable = new Map([['bench', approved]]);
    expect(exerciseReferenceErrors(days, usable, false)).toEqual([
      {
        field: 'days.0.exercises.1.exerciseId',
        messages: ['exerciseId does not name an exercise you can use'],
      },
      {
        field: 'days.1.exercises.0.exerciseId',
        messages: ['exerciseId does not name an exercise you can use'],
      },
    ]);
  });

  it("accepts the owner's unapproved exercises in a private template only", () => {
    const usable = new Map([
      ['bench', approved],
      ['dips', pending],
      ['row', approved],
    ]);
    expect(exerciseReferenceErrors(days, usable, false)).toEqual([]);
    expect(exerciseReferenceErrors(days, usable, true)).toEqual([
      {
        field: 'days.0.exercises.1.exerciseId',
        messages: ['a public template can only use approved exercises'],
      },
    ]);
  });
});

describe('structureRows', () => {
  it('numbers days, exercises and sets from 0 and links them through the ids it makes', () => {
    let n = 0;
    const rows = structureRows(
      'tpl',
      [
        {
          name: 'Legs',
          notes: 'Heavy',
          exercises: [
            {
              exerciseId: 'squat',
              progression: {
                type: ProgressionType.LinearLoad,
                incrementKg: 2.5,
                when: ProgressionTrigger.AllSetsTopOfRange,
              },
              sets: [
                { type: SetType.WarmUp, repsMin: 10, weightKg: 40, restSeconds: 60 },
                { ...set, repsMax: 8, percentE1rm: 77.5, rpeTarget: 8 },
              ],
            },
            { exerciseId: 'lunge', progression: { type: ProgressionType.None }, sets: [set] },
          ],
        },
      ],
      () => `id${++n}`,
    );
    expect(rows.days).toEqual([
      { id: 'id1', templateId: 'tpl', position: 0, name: 'Legs', notes: 'Heavy' },
    ]);
    expect(rows.exercises).toEqual([
      {
        id: 'id2',
        dayId: 'id1',
        position: 0,
        exerciseId: 'squat',
        notes: null,
        progression: { type: 'linear_load', incrementKg: 2.5, when: 'all_sets_top_of_range' },
      },
      // `none` is stored as NULL.
      { id: 'id5', dayId: 'id1', position: 1, exerciseId: 'lunge', notes: null, progression: null },
    ]);
    expect(rows.sets).toEqual([
      {
        id: 'id3',
        templateExerciseId: 'id2',
        position: 0,
        setType: SetType.WarmUp,
        repsMin: 10,
        repsMax: 10, // fixed reps when no top of the range is given
        weightKg: '40',
        percentE1rm: null,
        rpeTarget: null,
        rirTarget: null,
        restSeconds: 60,
      },
      {
        id: 'id4',
        templateExerciseId: 'id2',
        position: 1,
        setType: SetType.Normal,
        repsMin: 5,
        repsMax: 8,
        weightKg: null,
        percentE1rm: '77.5',
        rpeTarget: '8',
        rirTarget: null,
        restSeconds: 90,
      },
      expect.objectContaining({ id: 'id6', templateExerciseId: 'id5', position: 0 }),
    ]);
  });
});

describe('copyName', () => {
  it('appends " (copy)" and keeps the result within 100 characters', () => {
    expect(copyName('Push Pull Legs')).toBe('Push Pull Legs (copy)');
    const long = copyName(`${'x'.repeat(92)} tail`);
    expect(long).toHaveLength(99);
    expect(long.endsWith('x (copy)')).toBe(true);
  });
});
