import type { CatalogueExercise } from '../exercises/exercises.service';
import { Equipment, ExerciseLevel, Muscle } from '../training/exercise-attributes.vocabulary';
import { setsPerMuscle } from '../training/muscle-sets.vocabulary';
import { ProgressionRule, ProgressionType } from '../training/progression-rule.vocabulary';
import {
  equipmentOf,
  isEquipmentAvailable,
  isMainPattern,
  levelRank,
  MovementPattern,
  patternOf,
  TRAINABLE_CATEGORIES,
} from './movement-patterns';
import {
  exerciseSeconds,
  GOAL_RULES,
  incrementKgFor,
  PLAN_SOURCES,
  PlanGoal,
  Prescription,
  prescriptionFor,
  WARM_UP_SECONDS,
} from './plan-rules';

/** A plan request with every default resolved (stored with the generation). */
export interface PlanSpec {
  goal: PlanGoal;
  daysPerWeek: number;
  sessionMinutes: number;
  level: ExerciseLevel;
  /** Available equipment; bodyweight exercises are always possible. */
  equipment: Equipment[];
  excludedExerciseIds: string[];
  /** Injuries or pain: exercises that load these muscles (primary or secondary) are left out. */
  avoidMuscles: Muscle[];
}

export interface PlannedExercise {
  exerciseId: string;
  name: string;
  pattern: MovementPattern;
  equipment: Equipment;
  prescription: Prescription;
  progression: ProgressionRule;
}

export interface PlannedDay {
  name: string;
  rationale: string;
  estimatedMinutes: number;
  exercises: PlannedExercise[];
}

export interface GeneratedPlan {
  name: string;
  description: string;
  goal: PlanGoal;
  level: ExerciseLevel;
  daysPerWeek: number;
  sessionMinutes: number;
  days: PlannedDay[];
  /** Hard sets per week by muscle: 1 per set as a primary muscle, 0.5 as a secondary one. */
  weeklySets: { muscle: Muscle; sets: number }[];
  sources: string[];
}

export const PLAN_LIMITS = {
  daysPerWeek: { min: 1, max: 6 },
  sessionMinutes: { min: 20, max: 180 },
  exercisesPerDay: 10,
} as const;

/** The local provider's name in the ledger and in answers. */
export const PLAN_RULES_MODEL = 'fitai-plan-rules-1';

const P = MovementPattern;

/** The days of each split, their slots in order (main lifts first), by days per week. */
const SPLITS: Record<number, { name: string; slots: MovementPattern[] }[]> = (() => {
  const fullA = [
    P.Squat,
    P.HorizontalPush,
    P.HorizontalPull,
    P.Hinge,
    P.VerticalPush,
    P.Core,
    P.Biceps,
    P.Calves,
  ];
  const fullB = [
    P.Hinge,
    P.VerticalPush,
    P.VerticalPull,
    P.Lunge,
    P.HorizontalPush,
    P.Core,
    P.Triceps,
    P.ShoulderIsolation,
  ];
  const fullC = [
    P.Squat,
    P.HorizontalPush,
    P.VerticalPull,
    P.Hinge,
    P.HorizontalPull,
    P.Core,
    P.Biceps,
    P.Triceps,
  ];
  const upper = [
    P.HorizontalPush,
    P.HorizontalPull,
    P.VerticalPush,
    P.VerticalPull,
    P.Biceps,
    P.Triceps,
    P.ShoulderIsolation,
  ];
  const lower = [P.Squat, P.Hinge, P.Lunge, P.KneeFlexion, P.Calves, P.Core];
  const push = [
    P.HorizontalPush,
    P.VerticalPush,
    P.HorizontalPush,
    P.Triceps,
    P.ShoulderIsolation,
    P.Triceps,
  ];
  const pull = [P.VerticalPull, P.HorizontalPull, P.Hinge, P.Biceps, P.HorizontalPull, P.Biceps];
  const legs = [P.Squat, P.Hinge, P.Lunge, P.KneeFlexion, P.Calves, P.Core];
  return {
    1: [{ name: 'Full body', slots: fullA }],
    2: [
      { name: 'Full body A', slots: fullA },
      { name: 'Full body B', slots: fullB },
    ],
    3: [
      { name: 'Full body A', slots: fullA },
      { name: 'Full body B', slots: fullB },
      { name: 'Full body C', slots: fullC },
    ],
    4: [
      { name: 'Upper A', slots: upper },
      { name: 'Lower A', slots: lower },
      { name: 'Upper B', slots: upper },
      { name: 'Lower B', slots: lower },
    ],
    5: [
      { name: 'Upper', slots: upper },
      { name: 'Lower', slots: lower },
      { name: 'Push', slots: push },
      { name: 'Pull', slots: pull },
      { name: 'Legs', slots: legs },
    ],
    6: [
      { name: 'Push A', slots: push },
      { name: 'Pull A', slots: pull },
      { name: 'Legs A', slots: legs },
      { name: 'Push B', slots: push },
      { name: 'Pull B', slots: pull },
      { name: 'Legs B', slots: legs },
    ],
  };
})();

/**
 * Well-known exercises of the shipped library, preferred in this order for their pattern when
 * the user can do them (the data set has hundreds of rare variations; a plan should start from
 * the staples). Anything else is ranked by the rules in `rank`.
 */
const STAPLES: Partial<Record<MovementPattern, string[]>> = {
  [P.Squat]: [
    'Barbell_Squat',
    'Barbell_Full_Squat',
    'Goblet_Squat',
    'Dumbbell_Squat',
    'Leg_Press',
    'Front_Barbell_Squat',
    'Bodyweight_Squat',
  ],
  [P.Hinge]: [
    'Romanian_Deadlift',
    'Barbell_Deadlift',
    'Stiff-Legged_Dumbbell_Deadlift',
    'Barbell_Hip_Thrust',
    'Single_Leg_Glute_Bridge',
    'Butt_Lift_Bridge',
  ],
  [P.Lunge]: ['Dumbbell_Lunges', 'Barbell_Lunge', 'Bodyweight_Walking_Lunge'],
  [P.HorizontalPush]: [
    'Barbell_Bench_Press_-_Medium_Grip',
    'Dumbbell_Bench_Press',
    'Incline_Dumbbell_Press',
    'Pushups',
  ],
  [P.VerticalPush]: ['Standing_Military_Press', 'Seated_Dumbbell_Press', 'Dumbbell_Shoulder_Press'],
  [P.VerticalPull]: ['Pullups', 'Wide-Grip_Lat_Pulldown', 'Chin-Up'],
  [P.HorizontalPull]: [
    'Bent_Over_Barbell_Row',
    'One-Arm_Dumbbell_Row',
    'Seated_Cable_Rows',
    'Inverted_Row',
  ],
  [P.KneeFlexion]: ['Lying_Leg_Curls'],
  [P.ShoulderIsolation]: ['Side_Lateral_Raise', 'Face_Pull', 'Band_Pull_Apart'],
  [P.Biceps]: ['Barbell_Curl', 'Dumbbell_Bicep_Curl', 'Hammer_Curls'],
  [P.Triceps]: ['Triceps_Pushdown', 'Dips_-_Triceps_Version', 'Lying_Triceps_Press'],
  [P.Calves]: ['Standing_Calf_Raises', 'Seated_Calf_Raise'],
  [P.Core]: ['Plank', 'Cable_Crunch', 'Crunches', 'Hanging_Leg_Raise'],
};

/** Equipment preferred by goal, best first: free weights for strength, bodyweight for endurance. */
const EQUIPMENT_PREFERENCE: Record<PlanGoal, Equipment[]> = {
  [PlanGoal.Strength]: [
    Equipment.Barbell,
    Equipment.Dumbbell,
    Equipment.BodyOnly,
    Equipment.Machine,
    Equipment.Cable,
    Equipment.Kettlebells,
    Equipment.EZCurlBar,
  ],
  [PlanGoal.Hypertrophy]: [
    Equipment.Dumbbell,
    Equipment.Barbell,
    Equipment.Cable,
    Equipment.Machine,
    Equipment.BodyOnly,
    Equipment.EZCurlBar,
    Equipment.Kettlebells,
  ],
  [PlanGoal.Endurance]: [
    Equipment.BodyOnly,
    Equipment.Dumbbell,
    Equipment.Kettlebells,
    Equipment.Bands,
    Equipment.Cable,
    Equipment.Machine,
  ],
  [PlanGoal.GeneralFitness]: [
    Equipment.Dumbbell,
    Equipment.BodyOnly,
    Equipment.Machine,
    Equipment.Cable,
    Equipment.Barbell,
    Equipment.Kettlebells,
    Equipment.Bands,
  ],
};

/** Exercises whose progression is in reps rather than load. */
const UNLOADED: ReadonlySet<Equipment> = new Set([
  Equipment.BodyOnly,
  Equipment.Bands,
  Equipment.ExerciseBall,
  Equipment.FoamRoll,
  Equipment.Other,
]);

/**
 * The exercises a plan for `spec` may use, with their pattern: trainable in sets and reps,
 * equipment available, level not above the user's, not excluded, and loading no muscle to avoid.
 */
export function eligibleExercises(
  spec: PlanSpec,
  catalogue: readonly CatalogueExercise[],
): Map<string, CatalogueExercise & { pattern: MovementPattern }> {
  const available = new Set(spec.equipment);
  const excluded = new Set(spec.excludedExerciseIds);
  const avoid = new Set(spec.avoidMuscles);
  const maxLevel = levelRank(spec.level);
  const eligible = new Map<string, CatalogueExercise & { pattern: MovementPattern }>();
  for (const exercise of catalogue) {
    if (!TRAINABLE_CATEGORIES.has(exercise.category)) continue;
    if (excluded.has(exercise.id)) continue;
    if (!isEquipmentAvailable(exercise, available)) continue;
    if (levelRank(exercise.level) > maxLevel) continue;
    if ([...exercise.primaryMuscles, ...exercise.secondaryMuscles].some((m) => avoid.has(m))) {
      continue;
    }
    const pattern = patternOf(exercise);
    if (pattern === MovementPattern.Other) continue;
    eligible.set(exercise.id, { ...exercise, pattern });
  }
  return eligible;
}

/** Candidates of each pattern, best first (deterministic: same input, same plan). */
export function rankedByPattern(
  spec: PlanSpec,
  eligible: ReadonlyMap<string, CatalogueExercise & { pattern: MovementPattern }>,
): Map<MovementPattern, (CatalogueExercise & { pattern: MovementPattern })[]> {
  const byPattern = new Map<
    MovementPattern,
    (CatalogueExercise & { pattern: MovementPattern })[]
  >();
  for (const exercise of eligible.values()) {
    const list = byPattern.get(exercise.pattern) ?? [];
    list.push(exercise);
    byPattern.set(exercise.pattern, list);
  }
  const preference = EQUIPMENT_PREFERENCE[spec.goal];
  const userLevel = levelRank(spec.level);
  const score = (e: CatalogueExercise & { pattern: MovementPattern }) => {
    const staples = STAPLES[e.pattern] ?? [];
    const staple = staples.indexOf(e.slug);
    const equipment = preference.indexOf(equipmentOf(e));
    return (
      (staple >= 0 ? staple : 100) +
      (isMainPattern(e.pattern) && e.mechanic === 'isolation' ? 50 : 0) +
      (userLevel - levelRank(e.level)) * 2 +
      (equipment >= 0 ? equipment : preference.length) +
      e.name.length / 20
    );
  };
  for (const list of byPattern.values()) {
    list.sort((a, b) => score(a) - score(b) || a.slug.localeCompare(b.slug));
  }
  return byPattern;
}

/** The progression rule of an exercise in the plan: load for loaded lifts, none otherwise. */
export function progressionFor(
  spec: PlanSpec,
  pattern: MovementPattern,
  equipment: Equipment,
): ProgressionRule {
  if (UNLOADED.has(equipment) || pattern === MovementPattern.Core) {
    return { type: ProgressionType.None };
  }
  return {
    type: ProgressionType.LinearLoad,
    incrementKg: incrementKgFor(pattern, isMainPattern(pattern), spec.level),
    when: GOAL_RULES[spec.goal].progression,
  };
}

/** Minutes a day takes: the warm-up and every exercise's sets, rests and changeover. */
export function dayMinutes(exercises: { prescription: Prescription }[]): number {
  const seconds = exercises.reduce(
    (sum, e) => sum + exerciseSeconds(e.prescription),
    WARM_UP_SECONDS,
  );
  return Math.ceil(seconds / 60);
}

/**
 * The local provider: a plan built by rules (docs/ai-coach.md, "Plan generation"). The split
 * follows the days per week, each day fills its movement-pattern slots in order with the best
 * eligible exercise not used yet that day (rotating through variations across days), for as
 * long as the session length allows; the prescription follows the goal and level.
 */
export function buildPlan(spec: PlanSpec, catalogue: readonly CatalogueExercise[]): GeneratedPlan {
  const eligible = eligibleExercises(spec, catalogue);
  const ranked = rankedByPattern(spec, eligible);
  const budget = spec.sessionMinutes * 60 - WARM_UP_SECONDS;
  const uses = new Map<string, number>();
  const days: PlannedDay[] = SPLITS[spec.daysPerWeek].map((template) => {
    const chosen: PlannedExercise[] = [];
    let seconds = 0;
    for (const pattern of template.slots) {
      if (chosen.length >= PLAN_LIMITS.exercisesPerDay) break;
      const candidates = (ranked.get(pattern) ?? []).filter(
        (c) => !chosen.some((e) => e.exerciseId === c.id),
      );
      if (candidates.length === 0) continue;
      // Least used so far across the week, then best ranked: variations rotate across days.
      // (Array.prototype.sort is stable: equal use counts keep their ranking.)
      const pick = [...candidates].sort((a, b) => (uses.get(a.id) ?? 0) - (uses.get(b.id) ?? 0))[0];
      const main =
        isMainPattern(pattern) && chosen.filter((e) => isMainPattern(e.pattern)).length < 3;
      const full = prescriptionFor(spec.goal, spec.level, main);
      let prescription: Prescription | null = null;
      for (let sets = full.sets; sets >= 2; sets -= 1) {
        const candidate = { ...full, sets };
        if (seconds + exerciseSeconds(candidate) <= budget) {
          prescription = candidate;
          break;
        }
      }
      if (!prescription) continue;
      seconds += exerciseSeconds(prescription);
      uses.set(pick.id, (uses.get(pick.id) ?? 0) + 1);
      const equipment = equipmentOf(pick);
      chosen.push({
        exerciseId: pick.id,
        name: pick.name,
        pattern,
        equipment,
        prescription,
        progression: progressionFor(spec, pattern, equipment),
      });
    }
    return {
      name: template.name,
      rationale: rationaleOf(spec, template.name, chosen),
      estimatedMinutes: dayMinutes(chosen),
      exercises: chosen,
    };
  });
  return {
    name: planName(spec),
    description: describePlan(spec),
    goal: spec.goal,
    level: spec.level,
    daysPerWeek: spec.daysPerWeek,
    sessionMinutes: spec.sessionMinutes,
    days,
    weeklySets: weeklySetsOf(days, eligible),
    sources: planSources(),
  };
}

/** The sources every plan cites, as a fresh array. */
export function planSources(): string[] {
  return [...PLAN_SOURCES];
}

const GOAL_LABEL: Record<PlanGoal, string> = {
  [PlanGoal.Strength]: 'Strength',
  [PlanGoal.Hypertrophy]: 'Hypertrophy',
  [PlanGoal.Endurance]: 'Muscular endurance',
  [PlanGoal.GeneralFitness]: 'General fitness',
};

export function planName(spec: Pick<PlanSpec, 'goal' | 'daysPerWeek' | 'sessionMinutes'>): string {
  return `${GOAL_LABEL[spec.goal]}: ${spec.daysPerWeek} day${spec.daysPerWeek > 1 ? 's' : ''} × ${spec.sessionMinutes} min`;
}

export function describePlan(spec: PlanSpec): string {
  return (
    `Generated for ${spec.level} level, ${spec.daysPerWeek} day(s) a week of up to ${spec.sessionMinutes} minutes, ` +
    `with ${spec.equipment.length ? spec.equipment.join(', ') : 'body weight only'}. ` +
    `Why: ${GOAL_RULES[spec.goal].why}. Sources: ACSM 2009 and 2011 position stands, Schoenfeld et al. 2017, Helms et al. 2016.`
  ).slice(0, 2000);
}

function effortOf(p: Prescription): string {
  return p.rpeTarget !== null ? `RPE ${p.rpeTarget}` : `${p.rirTarget} reps in reserve`;
}

/** A short reason for the day (at most 500 characters, a template day's notes). */
export function rationaleOf(spec: PlanSpec, dayName: string, exercises: PlannedExercise[]): string {
  if (exercises.length === 0) return `${dayName}: no exercise fits the constraints.`;
  const patterns = [...new Set(exercises.map((e) => e.pattern.replace(/_/g, ' ')))];
  const main = exercises.find((e) => isMainPattern(e.pattern)) ?? exercises[0];
  const p = main.prescription;
  const text =
    `${dayName}: ${patterns.join(', ')}. Main lifts ${p.sets}×${p.repsMin}-${p.repsMax} at ${effortOf(p)}, ` +
    `${p.restSeconds} s rest; ${GOAL_RULES[spec.goal].why}. About ${dayMinutes(exercises)} min with the warm-up.`;
  return text.slice(0, 500);
}

/** Weekly sets by muscle (setsPerMuscle), most trained first. */
export function weeklySetsOf(
  days: PlannedDay[],
  exercises: ReadonlyMap<string, Pick<CatalogueExercise, 'primaryMuscles' | 'secondaryMuscles'>>,
): { muscle: Muscle; sets: number }[] {
  const sets = setsPerMuscle(
    days.flatMap((day) =>
      day.exercises.map((item) => ({ exerciseId: item.exerciseId, sets: item.prescription.sets })),
    ),
    exercises,
  );
  return [...sets.entries()]
    .map(([muscle, value]) => ({ muscle, sets: Math.round(value * 10) / 10 }))
    .sort((a, b) => b.sets - a.sets || a.muscle.localeCompare(b.muscle));
}
