import { randomUUID } from 'node:crypto';
import { WeightUnit } from '../../common/units/weight-unit';
import { TemplateDayDto } from '../templates/dto/template.dto';
import { ProgressionType } from '../training/progression-rule.vocabulary';
import { percentOfOneRepMaxKg } from './one-rep-max';
import { LastExercise, loadableKg, progressLoads } from './progression';
import { decimal, storedSet } from './set-values';
import { NewWorkoutExercise, NewWorkoutSet } from './workouts.repository';

export interface PlanContext {
  workoutId: string;
  userId: string;
  unit: WeightUnit;
  /** The unit the template's weights were written in (TemplateDto.writtenWeightUnit). */
  writtenIn: WeightUnit;
  /** The user's best e1RM per exercise, in kg (PersonalRecordsRepository.bestE1rms). */
  e1rms: ReadonlyMap<string, number>;
  /** Per exercise, its place in the user's last completed session of the day (if any). */
  last: ReadonlyMap<string, LastExercise>;
}

export interface PlannedRows {
  exercises: NewWorkoutExercise[];
  sets: NewWorkoutSet[];
}

/** The exercises whose prescriptions need an e1RM (a %e1RM load), once each. */
export function exercisesNeedingE1rm(day: TemplateDayDto): string[] {
  const needing = day.exercises.filter((item) => item.sets.some((s) => s.percentE1rm !== null));
  return [...new Set(needing.map((item) => item.exerciseId))];
}

/**
 * One template day as a workout's rows: its exercises in order and every prescription as a
 * planned set (not completed; weight and reps left for the user to log). The planned load is
 *
 * - for an exercise with a linear_load rule, what the rule makes of the user's last completed
 *   session of the day (progressLoads; the decision is stored with the exercise as its
 *   progression step, for the answer to explain and the next plan to chain from);
 * - else the template's weight as the user can load it (exact in the unit it was written in,
 *   else rounded to their plates);
 * - or a %e1RM of the user's best e1RM rounded to a loadable weight (percentOfOneRepMaxKg),
 *   or null without history.
 *
 * A workout holds an exercise once, so an exercise repeated in the day keeps its first place
 * (and rule) and gathers all its sets.
 */
export function planFromTemplateDay(
  day: TemplateDayDto,
  context: PlanContext,
  newId: () => string = randomUUID,
): PlannedRows {
  const { workoutId, userId, unit, writtenIn, e1rms } = context;
  const rows: PlannedRows = { exercises: [], sets: [] };
  const byExercise = new Map<string, { id: string; sets: number; loads: (number | null)[] }>();
  for (const item of day.exercises) {
    let parent = byExercise.get(item.exerciseId);
    if (!parent) {
      const all = day.exercises
        .filter((other) => other.exerciseId === item.exerciseId)
        .flatMap((other) => other.sets);
      const rule = item.progression.type === ProgressionType.LinearLoad ? item.progression : null;
      const progressed = rule
        ? progressLoads(
            { type: rule.type, incrementKg: rule.incrementKg, when: rule.when },
            all.map((set) => ({
              type: set.type,
              weightKg: set.weightKg,
              repsMin: set.repsMin,
              repsMax: set.repsMax,
            })),
            context.last.get(item.exerciseId) ?? null,
            { unit, writtenIn },
          )
        : null;
      parent = {
        id: newId(),
        sets: 0,
        loads:
          progressed?.weightsKg ??
          all.map((set) =>
            set.weightKg === null ? null : loadableKg(set.weightKg, writtenIn, unit),
          ),
      };
      byExercise.set(item.exerciseId, parent);
      rows.exercises.push({
        id: parent.id,
        workoutId,
        exerciseId: item.exerciseId,
        position: rows.exercises.length,
        notes: item.notes,
        // The rule as stored (kilograms), not as the template answered it.
        progression: rule && { type: rule.type, incrementKg: rule.incrementKg, when: rule.when },
        progressionStep: progressed?.step ?? null,
      });
    }
    const e1rm = e1rms.get(item.exerciseId);
    for (const set of item.sets) {
      const load = parent.loads[parent.sets];
      const plannedWeightKg =
        load ??
        (set.percentE1rm !== null && e1rm !== undefined
          ? percentOfOneRepMaxKg(e1rm, set.percentE1rm, unit)
          : null);
      rows.sets.push({
        ...storedSet({
          setType: set.type,
          weightKg: null,
          reps: null,
          rpe: null,
          rir: null,
          restSeconds: set.restSeconds,
          completed: false,
        }),
        workoutExerciseId: parent.id,
        userId,
        workoutId,
        exerciseId: item.exerciseId,
        position: parent.sets++,
        plannedRepsMin: set.repsMin,
        plannedRepsMax: set.repsMax,
        plannedWeightKg: decimal(plannedWeightKg),
        plannedPercentE1rm: decimal(set.percentE1rm),
        plannedRpe: decimal(set.rpeTarget),
        plannedRir: set.rirTarget,
      });
    }
  }
  return rows;
}
