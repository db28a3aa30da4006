import { Equipment, ExerciseLevel, Muscle } from '../training/exercise-attributes.vocabulary';
import { equipmentOf, MovementPattern } from './movement-patterns';
import { buildPlan, PlanSpec } from './plan-builder';
import { PlanGoal } from './plan-rules';
import { validatePlan } from './plan-validation';
import { libraryCatalogue } from './testing/library.fixture';

const catalogue = libraryCatalogue();
const byId = new Map(catalogue.map((e) => [e.id, e]));

const EQUIPMENT_SETS: Equipment[][] = [
  [],
  [Equipment.Dumbbell],
  [Equipment.Barbell, Equipment.Dumbbell, Equipment.Cable, Equipment.Machine],
  Object.values(Equipment),
];

function spec(overrides: Partial<PlanSpec> = {}): PlanSpec {
  return {
    goal: PlanGoal.Hypertrophy,
    daysPerWeek: 3,
    sessionMinutes: 60,
    level: ExerciseLevel.Intermediate,
    equipment: [Equipment.Barbell, Equipment.Dumbbell, Equipment.Cable, Equipment.Machine],
    excludedExerciseIds: [],
    avoidMuscles: [],
    ...overrides,
  };
}

describe('buildPlan (local rules)', () => {
  const grid: PlanSpec[] = [];
  for (const goal of Object.values(PlanGoal))
    for (const daysPerWeek of [1, 2, 3, 4, 5, 6])
      for (const sessionMinutes of [20, 45, 90])
        for (const level of Object.values(ExerciseLevel))
          for (const equipment of EQUIPMENT_SETS)
            grid.push(spec({ goal, daysPerWeek, sessionMinutes, level, equipment }));

  it(`respects days, session length, equipment and level over a grid of ${grid.length} inputs`, () => {
    for (const input of grid) {
      const plan = buildPlan(input, catalogue);
      const context = JSON.stringify({ ...input, equipment: input.equipment.join('|') });
      expect({ context, days: plan.days.length }).toEqual({ context, days: input.daysPerWeek });
      for (const day of plan.days) {
        expect({ context, ok: day.exercises.length > 0 }).toEqual({ context, ok: true });
        expect({ context, ok: day.estimatedMinutes <= input.sessionMinutes }).toEqual({
          context,
          ok: true,
        });
        const ids = day.exercises.map((e) => e.exerciseId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const item of day.exercises) {
          const exercise = byId.get(item.exerciseId)!;
          const needed = equipmentOf(exercise);
          expect({
            context,
            needed,
            ok: needed === Equipment.BodyOnly || input.equipment.includes(needed),
          }).toEqual({
            context,
            needed,
            ok: true,
          });
          const rank = { beginner: 0, intermediate: 1, expert: 2 };
          expect(rank[exercise.level]).toBeLessThanOrEqual(rank[input.level]);
        }
      }
      expect({ context, errors: validatePlan(plan, input, byId) }).toEqual({ context, errors: [] });
    }
    // Hundreds of plans, each validated: slow on a loaded machine.
  }, 90_000);

  it('leaves out excluded exercises and every exercise that loads a muscle to avoid', () => {
    const first = buildPlan(spec(), catalogue);
    const excluded = first.days.flatMap((d) => d.exercises.map((e) => e.exerciseId)).slice(0, 4);
    for (const avoidMuscles of [[Muscle.LowerBack], [Muscle.Shoulders, Muscle.Quadriceps]]) {
      const input = spec({ excludedExerciseIds: excluded, avoidMuscles });
      const plan = buildPlan(input, catalogue);
      for (const item of plan.days.flatMap((d) => d.exercises)) {
        expect(excluded).not.toContain(item.exerciseId);
        const exercise = byId.get(item.exerciseId)!;
        for (const muscle of avoidMuscles) {
          expect([...exercise.primaryMuscles, ...exercise.secondaryMuscles]).not.toContain(muscle);
        }
      }
      expect(validatePlan(plan, input, byId)).toEqual([]);
    }
  });

  it('balances pushing and pulling, and covers legs, with a full gym', () => {
    for (const daysPerWeek of [2, 3, 4, 6]) {
      const plan = buildPlan(spec({ daysPerWeek, sessionMinutes: 75 }), catalogue);
      const setsOf = (patterns: MovementPattern[]) =>
        plan.days
          .flatMap((d) => d.exercises)
          .filter((e) => patterns.includes(e.pattern))
          .reduce((sum, e) => sum + e.prescription.sets, 0);
      const push = setsOf([MovementPattern.HorizontalPush, MovementPattern.VerticalPush]);
      const pull = setsOf([MovementPattern.HorizontalPull, MovementPattern.VerticalPull]);
      const legs = setsOf([MovementPattern.Squat, MovementPattern.Hinge, MovementPattern.Lunge]);
      expect(push).toBeGreaterThan(0);
      expect(pull).toBeGreaterThan(0);
      expect(legs).toBeGreaterThan(0);
      expect(Math.max(push, pull) / Math.min(push, pull)).toBeLessThanOrEqual(2);
    }
  });

  it('prescribes by goal: heavy and long rests for strength, light and short for endurance', () => {
    const strength = buildPlan(spec({ goal: PlanGoal.Strength }), catalogue).days[0].exercises[0];
    const endurance = buildPlan(spec({ goal: PlanGoal.Endurance }), catalogue).days[0].exercises[0];
    expect(strength.prescription).toMatchObject({ repsMin: 3, repsMax: 6, restSeconds: 180 });
    expect(strength.progression).toMatchObject({ type: 'linear_load', when: 'all_sets_completed' });
    expect(endurance.prescription.repsMin).toBeGreaterThanOrEqual(12);
    expect(endurance.prescription.restSeconds).toBeLessThanOrEqual(60);
    const beginner = buildPlan(spec({ level: ExerciseLevel.Beginner }), catalogue).days[0];
    expect(beginner.exercises[0].prescription).toMatchObject({ rpeTarget: null, rirTarget: 3 });
    expect(beginner.rationale.length).toBeLessThanOrEqual(500);
  });

  it('is deterministic: the same input gives the same plan', () => {
    expect(buildPlan(spec(), catalogue)).toEqual(buildPlan(spec(), catalogue));
  });
});
