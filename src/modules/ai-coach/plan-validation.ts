import type { CatalogueExercise } from '../exercises/exercises.service';
import {
  dayMinutes,
  eligibleExercises,
  GeneratedPlan,
  PLAN_LIMITS,
  PlanSpec,
} from './plan-builder';

/** The ranges any plan must stay within, whoever wrote it (local rules or a model). */
export const PRESCRIPTION_LIMITS = {
  sets: { min: 1, max: 6 },
  reps: { min: 1, max: 30 },
  rpe: { min: 5, max: 10, step: 0.5 },
  rir: { min: 0, max: 5 },
  restSeconds: { min: 30, max: 300 },
  rationale: 500,
  dayName: 60,
} as const;

const within = (value: unknown, range: { min: number; max: number }) =>
  typeof value === 'number' && Number.isFinite(value) && value >= range.min && value <= range.max;

/**
 * Every reason the plan may not be stored, empty when it may: the days asked for, each day
 * within the session length and the exercise limit, no exercise twice in a day, every
 * exercise one the user may use and that fits the request (equipment, level, exclusions,
 * muscles to avoid), and every number in range. Run on the model's answer before it is
 * accepted, and on the local plan too (a rule bug must not be stored either).
 */
export function validatePlan(
  plan: GeneratedPlan,
  spec: PlanSpec,
  catalogue: ReadonlyMap<string, CatalogueExercise>,
): string[] {
  const errors: string[] = [];
  const eligible = eligibleExercises(spec, [...catalogue.values()]);
  if (plan.days.length !== spec.daysPerWeek) {
    errors.push(`the plan has ${plan.days.length} days, not ${spec.daysPerWeek}`);
  }
  plan.days.forEach((day, d) => {
    const at = `days[${d}]`;
    if (!day.name || day.name.length > PRESCRIPTION_LIMITS.dayName)
      errors.push(`${at}.name is empty or too long`);
    if (day.rationale.length > PRESCRIPTION_LIMITS.rationale)
      errors.push(`${at}.rationale is too long`);
    if (day.exercises.length < 1 || day.exercises.length > PLAN_LIMITS.exercisesPerDay) {
      errors.push(
        `${at} has ${day.exercises.length} exercises (1 to ${PLAN_LIMITS.exercisesPerDay})`,
      );
    }
    const minutes = dayMinutes(day.exercises);
    if (minutes > spec.sessionMinutes) {
      errors.push(`${at} takes about ${minutes} min, more than ${spec.sessionMinutes}`);
    }
    const seen = new Set<string>();
    day.exercises.forEach((item, e) => {
      const where = `${at}.exercises[${e}]`;
      if (seen.has(item.exerciseId))
        errors.push(`${where}: ${item.exerciseId} appears twice in the day`);
      seen.add(item.exerciseId);
      if (!catalogue.has(item.exerciseId)) {
        errors.push(
          `${where}: ${item.exerciseId} is not an exercise of the library the user may use`,
        );
      } else if (!eligible.has(item.exerciseId)) {
        errors.push(
          `${where}: ${item.exerciseId} does not fit the request (equipment, level, exclusions)`,
        );
      }
      const p = item.prescription;
      if (!Number.isInteger(p.sets) || !within(p.sets, PRESCRIPTION_LIMITS.sets))
        errors.push(`${where}.sets out of range`);
      if (!Number.isInteger(p.repsMin) || !within(p.repsMin, PRESCRIPTION_LIMITS.reps))
        errors.push(`${where}.repsMin out of range`);
      if (
        !Number.isInteger(p.repsMax) ||
        !within(p.repsMax, PRESCRIPTION_LIMITS.reps) ||
        p.repsMax < p.repsMin
      ) {
        errors.push(`${where}.repsMax out of range`);
      }
      if (
        !Number.isInteger(p.restSeconds) ||
        !within(p.restSeconds, PRESCRIPTION_LIMITS.restSeconds)
      ) {
        errors.push(`${where}.restSeconds out of range`);
      }
      const hasRpe = p.rpeTarget !== null && p.rpeTarget !== undefined;
      const hasRir = p.rirTarget !== null && p.rirTarget !== undefined;
      if (hasRpe === hasRir) errors.push(`${where}: exactly one of rpeTarget and rirTarget`);
      if (
        hasRpe &&
        (!within(p.rpeTarget, PRESCRIPTION_LIMITS.rpe) || (p.rpeTarget! * 2) % 1 !== 0)
      ) {
        errors.push(`${where}.rpeTarget out of range`);
      }
      if (
        hasRir &&
        (!Number.isInteger(p.rirTarget) || !within(p.rirTarget, PRESCRIPTION_LIMITS.rir))
      ) {
        errors.push(`${where}.rirTarget out of range`);
      }
    });
  });
  return errors;
}
