import { randomUUID } from 'node:crypto';
import { FieldError } from '../../common/errors/problem-details';
import { Equipment } from '../training/exercise-attributes.vocabulary';
import { ExerciseStatus } from '../exercises/exercise.vocabulary';
import { ProgressionRule, ProgressionType } from '../training/progression-rule.vocabulary';
import { SetType } from '../training/set-type.vocabulary';
import { TemplateDay } from './entities/template-day.entity';
import { TemplateExercise } from './entities/template-exercise.entity';
import { TemplateSet } from './entities/template-set.entity';
import { fromKilograms, toKilograms, WeightUnit } from '../../common/units/weight-unit';
import { TemplateDayInputDto } from './dto/template-input.dto';
import { TEMPLATE_LIMITS } from './dto/template-limits';

/**
 * The nested structure of a template as both the request body and the response carry it, so
 * the same code stores a new template, a replaced one and a duplicate.
 */
export interface SetPlan {
  type: SetType;
  repsMin: number;
  /** Absent: fixed reps (repsMin). */
  repsMax?: number;
  weightKg?: number | null;
  percentE1rm?: number | null;
  rpeTarget?: number | null;
  rirTarget?: number | null;
  restSeconds: number;
}

export interface ExercisePlan {
  exerciseId: string;
  notes?: string | null;
  progression?: ProgressionRule | null;
  sets: SetPlan[];
}

export interface DayPlan {
  name: string;
  notes?: string | null;
  exercises: ExercisePlan[];
}

/** What the listings filter on, derived from the structure on every write. */
export interface TemplateFacts {
  daysPerWeek: number;
  /** In the enum's order, so equal sets compare equal. */
  equipment: Equipment[];
}

export type NewDay = Pick<TemplateDay, 'id' | 'templateId' | 'position' | 'name' | 'notes'>;
export type NewTemplateExercise = Pick<
  TemplateExercise,
  'id' | 'dayId' | 'position' | 'exerciseId' | 'notes' | 'progression'
>;
export type NewSet = Pick<
  TemplateSet,
  | 'id'
  | 'templateExerciseId'
  | 'position'
  | 'setType'
  | 'repsMin'
  | 'repsMax'
  | 'weightKg'
  | 'percentE1rm'
  | 'rpeTarget'
  | 'rirTarget'
  | 'restSeconds'
>;

/** The rows of a structure, parents first, with ids made here so one INSERT per table suffices. */
export interface StructureRows {
  days: NewDay[];
  exercises: NewTemplateExercise[];
  sets: NewSet[];
}

const EQUIPMENT_ORDER = Object.values(Equipment);

/**
 * Field errors for exercise references the owner may not use: unknown, deleted or someone
 * else's unapproved exercises (absent from `usable`), and, in a public template, any exercise
 * that is not approved, since every viewer must be able to see what the template uses.
 */
export function exerciseReferenceErrors(
  days: DayPlan[],
  usable: ReadonlyMap<string, { status: ExerciseStatus }>,
  isPublic: boolean,
): FieldError[] {
  return days.flatMap((day, d) =>
    day.exercises.flatMap(({ exerciseId }, e) => {
      const field = `days.${d}.exercises.${e}.exerciseId`;
      const exercise = usable.get(exerciseId);
      if (!exercise)
        return [{ field, messages: ['exerciseId does not name an exercise you can use'] }];
      if (isPublic && exercise.status !== ExerciseStatus.Approved) {
        return [{ field, messages: ['a public template can only use approved exercises'] }];
      }
      return [];
    }),
  );
}

/** daysPerWeek is the number of days; equipment the union of the exercises' equipment. */
export function deriveFacts(
  days: DayPlan[],
  exercises: ReadonlyMap<string, { equipment: Equipment | null }>,
): TemplateFacts {
  const needed = new Set<Equipment>();
  for (const day of days) {
    for (const { exerciseId } of day.exercises) {
      const equipment = exercises.get(exerciseId)?.equipment;
      if (equipment) needed.add(equipment);
    }
  }
  return {
    daysPerWeek: days.length,
    equipment: EQUIPMENT_ORDER.filter((value) => needed.has(value)),
  };
}

/** numeric columns come from the pg driver as strings. */
const toNumber = (value: string | null): number | null => (value === null ? null : Number(value));

/**
 * A stored structure (days with their exercises and sets, in order) as the plans it was made
 * from, to store it again under another template: what a duplicate copies.
 */
export function dayPlansOf(days: TemplateDay[]): DayPlan[] {
  return days.map((day) => ({
    name: day.name,
    notes: day.notes,
    exercises: day.exercises!.map((item) => ({
      exerciseId: item.exerciseId,
      notes: item.notes,
      progression: item.progression,
      sets: item.sets!.map((set) => ({
        type: set.setType,
        repsMin: set.repsMin,
        repsMax: set.repsMax,
        weightKg: toNumber(set.weightKg),
        percentE1rm: toNumber(set.percentE1rm),
        rpeTarget: toNumber(set.rpeTarget),
        rirTarget: set.rirTarget,
        restSeconds: set.restSeconds,
      })),
    })),
  }));
}

/** "at most 1000 kg" in the author's unit. */
function limitIn(maxKg: number, unit: WeightUnit): string {
  return unit === WeightUnit.Kilogram ? `${maxKg} kg` : `${fromKilograms(maxKg, unit)} ${unit}`;
}

/**
 * A template as its author sent it, in kilograms: `weight` (the author's unit) becomes
 * `weightKg`, a rule's `increment` becomes `incrementKg` (grams kept, so they read back exactly
 * in that unit). Over the limits once converted (1000 kg, a 25 kg increment), a field error on
 * the field sent, e.g. `days.0.exercises.1.sets.2.weight`.
 */
export function dayPlansFromInput(
  days: TemplateDayInputDto[],
  unit: WeightUnit,
): { plans: DayPlan[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const plans = days.map((day, d) => ({
    name: day.name,
    notes: day.notes,
    exercises: day.exercises.map((item, e): ExercisePlan => {
      const path = `days.${d}.exercises.${e}`;
      let progression: ProgressionRule | null = null;
      if (item.progression?.type === ProgressionType.LinearLoad) {
        const { increment, incrementKg, when } = item.progression;
        const kilograms = increment === undefined ? incrementKg! : toKilograms(increment, unit);
        if (kilograms > TEMPLATE_LIMITS.incrementKg.max) {
          errors.push({
            field: `${path}.progression.increment`,
            messages: [
              `increment must not be more than ${limitIn(TEMPLATE_LIMITS.incrementKg.max, unit)}`,
            ],
          });
        }
        progression = { type: ProgressionType.LinearLoad, incrementKg: kilograms, when };
      }
      return {
        exerciseId: item.exerciseId,
        notes: item.notes,
        progression,
        sets: item.sets.map((set, k) => {
          const { weight, ...rest } = set;
          if (weight === null || weight === undefined) return rest;
          const weightKg = toKilograms(weight, unit);
          if (weightKg > TEMPLATE_LIMITS.weightKg.max) {
            errors.push({
              field: `${path}.sets.${k}.weight`,
              messages: [
                `weight must not be more than ${limitIn(TEMPLATE_LIMITS.weightKg.max, unit)}`,
              ],
            });
          }
          return { ...rest, weightKg };
        }),
      };
    }),
  }));
  return { plans, errors };
}

/** `none` is stored as NULL, so there is one representation of "no progression". */
function storedProgression(rule: ProgressionRule | null | undefined): ProgressionRule | null {
  return !rule || rule.type === ProgressionType.None ? null : rule;
}

/** numeric columns take decimal strings, which keep the value exact. */
const decimal = (value: number | null | undefined): string | null =>
  value === null || value === undefined ? null : String(value);

/** Rows for `days` under `templateId`, positions from 0 in the given order. */
export function structureRows(
  templateId: string,
  days: DayPlan[],
  newId: () => string = randomUUID,
): StructureRows {
  const rows: StructureRows = { days: [], exercises: [], sets: [] };
  days.forEach((day, dayPosition) => {
    const dayId = newId();
    rows.days.push({
      id: dayId,
      templateId,
      position: dayPosition,
      name: day.name,
      notes: day.notes ?? null,
    });
    day.exercises.forEach((item, exercisePosition) => {
      const templateExerciseId = newId();
      rows.exercises.push({
        id: templateExerciseId,
        dayId,
        position: exercisePosition,
        exerciseId: item.exerciseId,
        notes: item.notes ?? null,
        progression: storedProgression(item.progression),
      });
      item.sets.forEach((set, setPosition) => {
        rows.sets.push({
          id: newId(),
          templateExerciseId,
          position: setPosition,
          setType: set.type,
          repsMin: set.repsMin,
          repsMax: set.repsMax ?? set.repsMin,
          weightKg: decimal(set.weightKg),
          percentE1rm: decimal(set.percentE1rm),
          rpeTarget: decimal(set.rpeTarget),
          rirTarget: set.rirTarget ?? null,
          restSeconds: set.restSeconds,
        });
      });
    });
  });
  return rows;
}

const COPY_SUFFIX = ' (copy)';

/** "<name> (copy)", the name shortened if needed to stay within the limit. */
export function copyName(name: string): string {
  return name.slice(0, TEMPLATE_LIMITS.name - COPY_SUFFIX.length).trimEnd() + COPY_SUFFIX;
}
