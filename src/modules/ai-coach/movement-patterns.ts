import type { CatalogueExercise } from '../exercises/exercises.service';
import {
  Equipment,
  ExerciseCategory,
  ExerciseForce,
  ExerciseLevel,
  ExerciseMechanic,
  Muscle,
} from '../training/exercise-attributes.vocabulary';

/**
 * Movement patterns the plans balance, derived from the library's attributes (the data set
 * has no pattern field): the primary muscle, the force and the mechanic, and the name for
 * lunges and split squats. docs/ai-coach.md, "Plan generation".
 */
export enum MovementPattern {
  Squat = 'squat',
  Hinge = 'hinge',
  Lunge = 'lunge',
  HorizontalPush = 'horizontal_push',
  VerticalPush = 'vertical_push',
  HorizontalPull = 'horizontal_pull',
  VerticalPull = 'vertical_pull',
  KneeFlexion = 'knee_flexion',
  ShoulderIsolation = 'shoulder_isolation',
  Biceps = 'biceps',
  Triceps = 'triceps',
  Calves = 'calves',
  Core = 'core',
  Other = 'other',
}

/** Categories whose exercises are prescribed in sets and reps. */
export const TRAINABLE_CATEGORIES: ReadonlySet<ExerciseCategory> = new Set([
  ExerciseCategory.Strength,
  ExerciseCategory.Powerlifting,
]);

const LOWER_BODY: ReadonlySet<MovementPattern> = new Set([
  MovementPattern.Squat,
  MovementPattern.Hinge,
  MovementPattern.Lunge,
]);

/** The pattern of an exercise: what a plan slot asks for. */
export function patternOf(exercise: CatalogueExercise): MovementPattern {
  const primary = exercise.primaryMuscles[0];
  const compound = exercise.mechanic !== ExerciseMechanic.Isolation;
  const name = exercise.name.toLowerCase();
  switch (primary) {
    case Muscle.Quadriceps:
      if (/lunge|split squat|step[- ]?up/.test(name)) return MovementPattern.Lunge;
      return compound ? MovementPattern.Squat : MovementPattern.Other;
    case Muscle.Hamstrings:
      return compound ? MovementPattern.Hinge : MovementPattern.KneeFlexion;
    case Muscle.Glutes:
    case Muscle.LowerBack:
      return compound ? MovementPattern.Hinge : MovementPattern.Other;
    case Muscle.Chest:
      return exercise.force === ExerciseForce.Push && compound
        ? MovementPattern.HorizontalPush
        : MovementPattern.Other;
    case Muscle.Shoulders:
      if (exercise.force === ExerciseForce.Push && compound) return MovementPattern.VerticalPush;
      return compound ? MovementPattern.Other : MovementPattern.ShoulderIsolation;
    case Muscle.Lats:
      return exercise.force === ExerciseForce.Pull
        ? MovementPattern.VerticalPull
        : MovementPattern.Other;
    case Muscle.MiddleBack:
      return exercise.force === ExerciseForce.Pull
        ? MovementPattern.HorizontalPull
        : MovementPattern.Other;
    case Muscle.Biceps:
      return MovementPattern.Biceps;
    case Muscle.Triceps:
      return MovementPattern.Triceps;
    case Muscle.Calves:
      return MovementPattern.Calves;
    case Muscle.Abdominals:
      return MovementPattern.Core;
    default:
      return MovementPattern.Other;
  }
}

export function isLowerBodyCompound(pattern: MovementPattern): boolean {
  return LOWER_BODY.has(pattern);
}

/** Main lifts: heavier, longer rest, first in the day. */
export function isMainPattern(pattern: MovementPattern): boolean {
  return [
    MovementPattern.Squat,
    MovementPattern.Hinge,
    MovementPattern.HorizontalPush,
    MovementPattern.VerticalPush,
    MovementPattern.HorizontalPull,
    MovementPattern.VerticalPull,
    MovementPattern.Lunge,
  ].includes(pattern);
}

const LEVEL_RANK: Record<ExerciseLevel, number> = {
  [ExerciseLevel.Beginner]: 0,
  [ExerciseLevel.Intermediate]: 1,
  [ExerciseLevel.Expert]: 2,
};

export function levelRank(level: ExerciseLevel): number {
  return LEVEL_RANK[level];
}

/**
 * The equipment an exercise needs. The data set leaves it empty for a few bodyweight
 * exercises (inverted rows, walking lunges): those need nothing.
 */
export function equipmentOf(exercise: Pick<CatalogueExercise, 'equipment'>): Equipment {
  return exercise.equipment ?? Equipment.BodyOnly;
}

/**
 * What a user with `available` equipment can do: bodyweight exercises always, others when
 * their equipment is available.
 */
export function isEquipmentAvailable(
  exercise: Pick<CatalogueExercise, 'equipment'>,
  available: ReadonlySet<Equipment>,
): boolean {
  const needed = equipmentOf(exercise);
  return needed === Equipment.BodyOnly || available.has(needed);
}
