import { ExerciseLevel } from '../training/exercise-attributes.vocabulary';
import { ProgressionTrigger } from '../training/progression-rule.vocabulary';
import { MovementPattern } from './movement-patterns';

/** What a generated plan trains for (a subset of the templates' goals). */
export enum PlanGoal {
  Strength = 'strength',
  Hypertrophy = 'hypertrophy',
  Endurance = 'endurance',
  GeneralFitness = 'general_fitness',
}

/** One exercise's prescription: sets of reps at an effort, with a rest. */
export interface Prescription {
  sets: number;
  repsMin: number;
  repsMax: number;
  /** Exactly one of rpeTarget and rirTarget is set (beginners get RIR, easier to judge). */
  rpeTarget: number | null;
  rirTarget: number | null;
  restSeconds: number;
}

/**
 * The published ranges the local rules apply (docs/ai-coach.md quotes them):
 * - ACSM position stand, "Progression models in resistance training for healthy adults",
 *   Med Sci Sports Exerc 2009;41(3):687–708: strength 1–6 RM (novices 8–12 RM at 60–70 %
 *   1RM) with 2–3 min rest on core lifts; hypertrophy 6–12 RM, 1–2 min rest; local muscular
 *   endurance 10–25 reps with short rests (< 1–2 min); 2–3 days a week for novices, up to 4–6
 *   for advanced lifters.
 * - ACSM / Garber et al., "Quantity and quality of exercise…", Med Sci Sports Exerc
 *   2011;43(7):1334–59: general fitness 2–4 sets of 8–12 reps, each major muscle group 2–3
 *   days a week.
 * - Schoenfeld, Ogborn & Krieger, "Dose-response relationship between weekly resistance
 *   training volume and increases in muscle mass", J Sports Sci 2017;35(11):1073–82: graded
 *   dose-response, ≥ 10 weekly sets per muscle for the largest gains.
 * - Helms et al., "Application of the repetitions in reserve-based RPE scale", Strength Cond J
 *   2016;38(4):42–49: RPE 10 − RIR; novices judge RIR more reliably far from failure.
 */
export const PLAN_SOURCES = [
  'ACSM position stand: Progression models in resistance training for healthy adults (Med Sci Sports Exerc 2009;41:687-708)',
  'Garber et al., ACSM: Quantity and quality of exercise for healthy adults (Med Sci Sports Exerc 2011;43:1334-59)',
  'Schoenfeld, Ogborn & Krieger: Dose-response of weekly resistance training volume and muscle mass (J Sports Sci 2017;35:1073-82)',
  'Helms et al.: Repetitions in reserve-based RPE scale (Strength Cond J 2016;38:42-49)',
] as const;

interface GoalRule {
  main: { repsMin: number; repsMax: number; restSeconds: number };
  accessory: { repsMin: number; repsMax: number; restSeconds: number };
  /** Sets of a main lift and of an accessory, by level. */
  sets: Record<ExerciseLevel, { main: number; accessory: number }>;
  /** RPE by level (beginners get 10 − RPE as RIR). */
  rpe: Record<ExerciseLevel, number>;
  /** Weekly hard sets per major muscle the plan aims at, by level (Schoenfeld 2017). */
  weeklySets: Record<ExerciseLevel, [number, number]>;
  progression: ProgressionTrigger;
  why: string;
}

export const GOAL_RULES: Record<PlanGoal, GoalRule> = {
  [PlanGoal.Strength]: {
    main: { repsMin: 3, repsMax: 6, restSeconds: 180 },
    accessory: { repsMin: 6, repsMax: 10, restSeconds: 120 },
    sets: {
      [ExerciseLevel.Beginner]: { main: 3, accessory: 2 },
      [ExerciseLevel.Intermediate]: { main: 4, accessory: 3 },
      [ExerciseLevel.Expert]: { main: 5, accessory: 3 },
    },
    rpe: {
      [ExerciseLevel.Beginner]: 7,
      [ExerciseLevel.Intermediate]: 8,
      [ExerciseLevel.Expert]: 8.5,
    },
    weeklySets: {
      [ExerciseLevel.Beginner]: [6, 10],
      [ExerciseLevel.Intermediate]: [8, 14],
      [ExerciseLevel.Expert]: [10, 16],
    },
    progression: ProgressionTrigger.AllSetsCompleted,
    why: 'heavy main lifts with long rests build maximal strength (ACSM 2009: 1-6 RM, 2-3 min rest)',
  },
  [PlanGoal.Hypertrophy]: {
    main: { repsMin: 6, repsMax: 10, restSeconds: 120 },
    accessory: { repsMin: 10, repsMax: 15, restSeconds: 75 },
    sets: {
      [ExerciseLevel.Beginner]: { main: 3, accessory: 2 },
      [ExerciseLevel.Intermediate]: { main: 3, accessory: 3 },
      [ExerciseLevel.Expert]: { main: 4, accessory: 3 },
    },
    rpe: {
      [ExerciseLevel.Beginner]: 7,
      [ExerciseLevel.Intermediate]: 8,
      [ExerciseLevel.Expert]: 8.5,
    },
    weeklySets: {
      [ExerciseLevel.Beginner]: [6, 10],
      [ExerciseLevel.Intermediate]: [10, 16],
      [ExerciseLevel.Expert]: [12, 20],
    },
    progression: ProgressionTrigger.AllSetsTopOfRange,
    why: 'moderate loads close to failure and enough weekly sets per muscle drive growth (ACSM 2009: 6-12 RM; Schoenfeld 2017: 10+ weekly sets)',
  },
  [PlanGoal.Endurance]: {
    main: { repsMin: 12, repsMax: 20, restSeconds: 60 },
    accessory: { repsMin: 15, repsMax: 20, restSeconds: 45 },
    sets: {
      [ExerciseLevel.Beginner]: { main: 2, accessory: 2 },
      [ExerciseLevel.Intermediate]: { main: 3, accessory: 2 },
      [ExerciseLevel.Expert]: { main: 3, accessory: 3 },
    },
    rpe: {
      [ExerciseLevel.Beginner]: 6,
      [ExerciseLevel.Intermediate]: 7,
      [ExerciseLevel.Expert]: 7.5,
    },
    weeklySets: {
      [ExerciseLevel.Beginner]: [4, 8],
      [ExerciseLevel.Intermediate]: [6, 12],
      [ExerciseLevel.Expert]: [8, 14],
    },
    progression: ProgressionTrigger.AllSetsTopOfRange,
    why: 'light loads for many reps with short rests train local muscular endurance (ACSM 2009: 10-25 reps, under 1-2 min rest)',
  },
  [PlanGoal.GeneralFitness]: {
    main: { repsMin: 8, repsMax: 12, restSeconds: 90 },
    accessory: { repsMin: 10, repsMax: 15, restSeconds: 60 },
    sets: {
      [ExerciseLevel.Beginner]: { main: 2, accessory: 2 },
      [ExerciseLevel.Intermediate]: { main: 3, accessory: 2 },
      [ExerciseLevel.Expert]: { main: 3, accessory: 3 },
    },
    rpe: {
      [ExerciseLevel.Beginner]: 6.5,
      [ExerciseLevel.Intermediate]: 7.5,
      [ExerciseLevel.Expert]: 8,
    },
    weeklySets: {
      [ExerciseLevel.Beginner]: [4, 8],
      [ExerciseLevel.Intermediate]: [6, 12],
      [ExerciseLevel.Expert]: [8, 14],
    },
    progression: ProgressionTrigger.AllSetsTopOfRange,
    why: 'every major muscle group 2-3 times a week at 8-12 reps covers health and fitness (ACSM 2011)',
  },
};

/** The sets, reps, effort and rest of an exercise of `pattern` for the goal and level. */
export function prescriptionFor(goal: PlanGoal, level: ExerciseLevel, main: boolean): Prescription {
  const rule = GOAL_RULES[goal];
  const range = main ? rule.main : rule.accessory;
  const rpe = rule.rpe[level];
  const beginner = level === ExerciseLevel.Beginner;
  return {
    sets: main ? rule.sets[level].main : rule.sets[level].accessory,
    repsMin: range.repsMin,
    repsMax: range.repsMax,
    rpeTarget: beginner ? null : rpe,
    rirTarget: beginner ? Math.round(10 - rpe) : null,
    restSeconds: range.restSeconds,
  };
}

/** Seconds a set takes under load (about 3-4 s a rep for 8-12 reps). */
export const WORK_SECONDS_PER_SET = 40;
/** Changing over to the next exercise: setting up, warm-up sets of a main lift. */
export const CHANGEOVER_SECONDS = 90;
/** A general warm-up before the first exercise (ACSM 2009: 5-10 min). */
export const WARM_UP_SECONDS = 300;

/** Seconds an exercise takes: its sets, their rests (none after the last) and the changeover. */
export function exerciseSeconds(p: { sets: number; restSeconds: number }): number {
  return p.sets * WORK_SECONDS_PER_SET + (p.sets - 1) * p.restSeconds + CHANGEOVER_SECONDS;
}

/** The increment of a linear-load rule, in kg: lower-body compounds move faster. */
export function incrementKgFor(
  pattern: MovementPattern,
  main: boolean,
  level: ExerciseLevel,
): number {
  const lower = [MovementPattern.Squat, MovementPattern.Hinge, MovementPattern.Lunge].includes(
    pattern,
  );
  if (!main) return 1.25;
  if (lower) return level === ExerciseLevel.Beginner ? 5 : 2.5;
  return level === ExerciseLevel.Expert ? 1.25 : 2.5;
}
