import {
  fromKilograms,
  PLATE_STEP,
  prescribedWeight,
  roundToPlates,
  toKilograms,
  WeightUnit,
} from '../../common/units/weight-unit';
import { LinearLoadProgression, ProgressionTrigger } from '../training/progression-rule.vocabulary';
import { SetType } from '../training/set-type.vocabulary';
import { WORKOUT_LIMITS } from './dto/workout-fields';

/**
 * Progression rules applied (docs/templates.md, "Progression rules"): the loads of the next
 * session of a template day, from the user's last completed session of that day. Pure: the
 * service reads the template and the last session, this decides.
 */

/** Consecutive failed sessions of an exercise after which its loads are reduced. */
export const DELOAD_AFTER_FAILED_SESSIONS = 3;
/** How much a deload takes off (then rounded to plates, at least one plate step). */
export const DELOAD_FRACTION = 0.1;
/** A weight logged at most this much below the plan still counts as the planned one (kg). */
const WEIGHT_TOLERANCE_KG = 0.01;

/** What a plan did to an exercise's loads. */
export enum ProgressionOutcome {
  /** The template's loads: the first session of the day (or of this exercise in it). */
  Start = 'start',
  /** Every weighted working set up by the increment. */
  Increase = 'increase',
  /** The last session's loads again. */
  Hold = 'hold',
  /** Reduced after DELOAD_AFTER_FAILED_SESSIONS failed sessions in a row. */
  Deload = 'deload',
  /** The template's loads again: the template changed since the last session. */
  Reset = 'reset',
}

/** Why, as a code the answer words in the reader's unit (describeStep). */
export enum ProgressionReason {
  FirstSession = 'first_session',
  TemplateChanged = 'template_changed',
  AllSetsTopOfRange = 'all_sets_top_of_range',
  AllSetsCompleted = 'all_sets_completed',
  NotAllAtTop = 'not_all_at_top',
  MissedReps = 'missed_reps',
  NotDone = 'not_done',
  FailedSessions = 'failed_sessions',
}

/**
 * What a plan decided for one exercise, stored with it (workout_exercises.progression_step):
 * the next plan chains from it (failed sessions, the template's loads it started from).
 */
export interface ProgressionStep {
  outcome: ProgressionOutcome;
  reason: ProgressionReason;
  /** The session judged; null for a first session. */
  basedOnWorkoutId: string | null;
  /** Consecutive failed sessions, this judgement included; 0 after a success or a deload. */
  failedSessions: number;
  /** The first weighted working set's load before and after (kg); null without one. */
  fromKg: number | null;
  toKg: number | null;
  /** The rep target judged (repsMax, or repsMin for a failure), when every set shared it. */
  targetReps: number | null;
  /** Reps done last time by the judged sets, in order (null: not done). */
  repsDone: (number | null)[];
  /** The template's working-set loads (kg) this plan started from: an edit restarts them. */
  templateWeightsKg: (number | null)[];
}

/** A set the template prescribes for the exercise, in order. */
export interface PrescribedSet {
  type: SetType;
  weightKg: number | null;
  repsMin: number;
  repsMax: number;
}

/** A planned working set of the exercise in the last session, in order, and what was done. */
export interface JudgedSet {
  plannedRepsMin: number | null;
  plannedRepsMax: number | null;
  plannedWeightKg: number | null;
  completed: boolean;
  reps: number | null;
  weightKg: number | null;
}

/** The exercise in the user's last completed session of the template day. */
export interface LastExercise {
  workoutId: string;
  step: ProgressionStep | null;
  /** Its planned working sets (from the template; warm-ups and sets added by hand left out). */
  sets: JudgedSet[];
}

export interface ProgressedLoads {
  /** Per prescribed set, in order: its planned load in kg, null without an absolute load. */
  weightsKg: (number | null)[];
  step: ProgressionStep;
}

/**
 * A template load as the user can load it: exactly when the template was written in their
 * unit, else rounded to their plates (prescribedWeight), in kg.
 */
export function loadableKg(weightKg: number, writtenIn: WeightUnit, unit: WeightUnit): number {
  return toKilograms(prescribedWeight(weightKg, writtenIn, unit), unit);
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The next loads of one exercise under a linear_load rule:
 *
 * - no last session of the day with the exercise: the template's loads (start);
 * - the template's working loads changed since that session: the template's loads (reset);
 * - the last session judged on its planned working sets (warm-ups and sets added by hand do
 *   not count), each against its own plan: *done* means completed, with reps logged, at no
 *   less than its planned weight. Nothing done: the exercise was skipped, loads held, the
 *   failure count unchanged. A set not done or short of repsMin: a failed session, loads held,
 *   and the DELOAD_AFTER_FAILED_SESSIONS-th failed session in a row deloads. Every set done at
 *   repsMax (`all_sets_top_of_range`) or at repsMin (`all_sets_completed`): the increment.
 *   In range but not all at the top (`all_sets_top_of_range`): held, not a failure.
 * - loads in the user's unit: the increment is added exactly when the template was written in
 *   that unit, else rounded to the user's plates and at least one plate step more; a deload
 *   takes DELOAD_FRACTION off, rounded to plates, at least one plate step less. The base of
 *   each working set is what the last session prescribed for it (the template's load for a
 *   set it did not have).
 *
 * Warm-ups keep the template's load; sets without an absolute load (bodyweight, %e1RM) have
 * none here.
 */
export function progressLoads(
  rule: LinearLoadProgression,
  prescribed: PrescribedSet[],
  last: LastExercise | null,
  units: { unit: WeightUnit; writtenIn: WeightUnit },
): ProgressedLoads {
  const { unit, writtenIn } = units;
  const start = prescribed.map((set) =>
    set.weightKg === null ? null : loadableKg(set.weightKg, writtenIn, unit),
  );
  const working = prescribed.flatMap((set, i) => (set.type === SetType.WarmUp ? [] : [i]));
  const templateWeightsKg = working.map((i) => prescribed[i].weightKg);
  const firstWeighted = working.find((i) => start[i] !== null);
  const step = (
    fields: Pick<ProgressionStep, 'outcome' | 'reason' | 'failedSessions'>,
    weightsKg: (number | null)[],
    base: (number | null)[],
    judged: JudgedSet[] = [],
    targetReps: number | null = null,
  ): ProgressedLoads => ({
    weightsKg,
    step: {
      ...fields,
      basedOnWorkoutId: last?.workoutId ?? null,
      // A start or a reset changes nothing it could be compared with.
      fromKg:
        firstWeighted === undefined ||
        fields.outcome === ProgressionOutcome.Start ||
        fields.outcome === ProgressionOutcome.Reset
          ? null
          : base[firstWeighted],
      toKg: firstWeighted === undefined ? null : weightsKg[firstWeighted],
      targetReps,
      repsDone: judged.map((set) => (set.completed ? set.reps : null)),
      templateWeightsKg,
    },
  });

  if (!last || last.sets.length === 0) {
    return step(
      {
        outcome: ProgressionOutcome.Start,
        reason: ProgressionReason.FirstSession,
        failedSessions: 0,
      },
      start,
      start,
    );
  }
  const previous = last.step?.templateWeightsKg;
  if (previous && !sameLoads(previous, templateWeightsKg)) {
    return step(
      {
        outcome: ProgressionOutcome.Reset,
        reason: ProgressionReason.TemplateChanged,
        failedSessions: 0,
      },
      start,
      start,
    );
  }

  // Each working set's base: what the last session prescribed for it.
  const base = [...start];
  working.forEach((i, n) => {
    const planned = last.sets[n]?.plannedWeightKg;
    if (start[i] !== null && planned !== null && planned !== undefined) base[i] = planned;
  });
  const judged = last.sets;
  const failedBefore = last.step?.failedSessions ?? 0;
  const isDone = (set: JudgedSet) =>
    set.completed &&
    set.reps !== null &&
    (set.plannedWeightKg === null ||
      (set.weightKg !== null && set.weightKg >= set.plannedWeightKg - WEIGHT_TOLERANCE_KG));
  const shared = (values: (number | null)[]) =>
    values.every((value) => value === values[0]) ? values[0] : null;
  const reached = (set: JudgedSet, target: number | null) =>
    isDone(set) && set.reps! >= (target ?? 0);
  const map = (change: (kg: number) => number) =>
    base.map((kg, i) => (kg === null || !working.includes(i) ? kg : change(kg)));

  if (!judged.some((set) => set.completed)) {
    return step(
      {
        outcome: ProgressionOutcome.Hold,
        reason: ProgressionReason.NotDone,
        failedSessions: failedBefore,
      },
      base,
      base,
      judged,
    );
  }
  const failed = judged.some((set) => !reached(set, set.plannedRepsMin));
  if (failed) {
    const failedSessions = failedBefore + 1;
    const targetReps = shared(judged.map((set) => set.plannedRepsMin));
    if (failedSessions >= DELOAD_AFTER_FAILED_SESSIONS) {
      return step(
        {
          outcome: ProgressionOutcome.Deload,
          reason: ProgressionReason.FailedSessions,
          failedSessions: 0,
        },
        map((kg) => deloadKg(kg, unit)),
        base,
        judged,
        targetReps,
      );
    }
    return step(
      { outcome: ProgressionOutcome.Hold, reason: ProgressionReason.MissedReps, failedSessions },
      base,
      base,
      judged,
      targetReps,
    );
  }
  const topOfRange = rule.when === ProgressionTrigger.AllSetsTopOfRange;
  const targetReps = shared(
    judged.map((set) => (topOfRange ? set.plannedRepsMax : set.plannedRepsMin)),
  );
  if (!topOfRange || judged.every((set) => reached(set, set.plannedRepsMax))) {
    return step(
      {
        outcome: ProgressionOutcome.Increase,
        reason: topOfRange
          ? ProgressionReason.AllSetsTopOfRange
          : ProgressionReason.AllSetsCompleted,
        failedSessions: 0,
      },
      map((kg) => increasedKg(kg, rule.incrementKg, units)),
      base,
      judged,
      targetReps,
    );
  }
  return step(
    { outcome: ProgressionOutcome.Hold, reason: ProgressionReason.NotAllAtTop, failedSessions: 0 },
    base,
    base,
    judged,
    targetReps,
  );
}

/** `baseKg` plus the increment, in the user's unit (see progressLoads), in kg. */
export function increasedKg(
  baseKg: number,
  incrementKg: number,
  { unit, writtenIn }: { unit: WeightUnit; writtenIn: WeightUnit },
): number {
  const base = fromKilograms(baseKg, unit);
  const sum = base + fromKilograms(incrementKg, unit);
  const next =
    writtenIn === unit
      ? round2(sum)
      : Math.max(roundToPlates(sum, unit), roundToPlates(base, unit) + PLATE_STEP[unit]);
  return Math.min(toKilograms(next, unit), WORKOUT_LIMITS.weightKg.max);
}

/** `baseKg` less DELOAD_FRACTION, rounded to the user's plates and at least one step less. */
export function deloadKg(baseKg: number, unit: WeightUnit): number {
  const base = fromKilograms(baseKg, unit);
  const next = Math.min(
    roundToPlates(base * (1 - DELOAD_FRACTION), unit),
    roundToPlates(base, unit) - PLATE_STEP[unit],
  );
  return toKilograms(Math.max(0, next), unit);
}

function sameLoads(a: (number | null)[], b: (number | null)[]): boolean {
  return (
    a.length === b.length &&
    a.every((value, i) =>
      value === null || b[i] === null ? value === b[i] : Math.abs(value - b[i]!) < 0.0005,
    )
  );
}

/** What a step did, in words and in the reader's unit: "+2.5 kg: all sets at 10 reps last time". */
export function describeStep(step: ProgressionStep, unit: WeightUnit): string {
  const change = changeIn(step, unit);
  const shown =
    change === null
      ? ''
      : `${change > 0 ? '+' : change < 0 ? '−' : '±'}${Math.abs(change)} ${unit}`;
  const reps = step.repsDone.map((value) => (value === null ? '–' : String(value))).join(', ');
  const target = step.targetReps === null ? null : `${step.targetReps} reps`;
  const failures = `${step.failedSessions} of ${DELOAD_AFTER_FAILED_SESSIONS} failed sessions before a deload`;
  switch (step.reason) {
    case ProgressionReason.FirstSession:
      return "First session of this day: the template's loads";
    case ProgressionReason.TemplateChanged:
      return 'The template changed since your last session: its loads again';
    case ProgressionReason.AllSetsTopOfRange:
      return `${shown || 'Increase'}: all sets at ${target ?? 'the top of their range'} last time`;
    case ProgressionReason.AllSetsCompleted:
      return `${shown || 'Increase'}: all sets done${target ? ` with at least ${target}` : ''} last time`;
    case ProgressionReason.NotAllAtTop:
      return `Held: not every set at ${target ?? 'the top of its range'} yet (${reps} last time)`;
    case ProgressionReason.MissedReps:
      return `Held: sets short of ${target ?? 'their reps'} last time (${reps}; ${failures})`;
    case ProgressionReason.NotDone:
      return 'Held: not done last time';
    case ProgressionReason.FailedSessions:
      return `${shown || 'Deload'}, a deload: ${DELOAD_AFTER_FAILED_SESSIONS} failed sessions in a row`;
  }
}

/** The first weighted working set's change in `unit` (two decimals), null without one. */
export function changeIn(step: ProgressionStep, unit: WeightUnit): number | null {
  if (step.fromKg === null || step.toKg === null) return null;
  return round2(fromKilograms(step.toKg, unit) - fromKilograms(step.fromKg, unit));
}
