import { Muscle } from '../training/exercise-attributes.vocabulary';

/**
 * Muscles in the order they are worth training when equally neglected: the big movers first,
 * so a new user is pointed at squats and presses before neck curls.
 */
export const MUSCLE_PRIORITY: readonly Muscle[] = [
  Muscle.Quadriceps,
  Muscle.Chest,
  Muscle.Lats,
  Muscle.Hamstrings,
  Muscle.Glutes,
  Muscle.Shoulders,
  Muscle.MiddleBack,
  Muscle.Triceps,
  Muscle.Biceps,
  Muscle.Abdominals,
  Muscle.Calves,
  Muscle.LowerBack,
  Muscle.Traps,
  Muscle.Forearms,
  Muscle.Adductors,
  Muscle.Abductors,
  Muscle.Neck,
];

/** The `count` least trained muscles (fewest sets), ties broken by MUSCLE_PRIORITY. */
export function underTrainedMuscles(
  trained: { muscle: Muscle; sets: number }[],
  count: number,
): { muscle: Muscle; sets: number }[] {
  const sets = new Map(trained.map((t) => [t.muscle, t.sets]));
  return MUSCLE_PRIORITY.map((muscle) => ({ muscle, sets: sets.get(muscle) ?? 0 }))
    .sort(
      (a, b) =>
        a.sets - b.sets || MUSCLE_PRIORITY.indexOf(a.muscle) - MUSCLE_PRIORITY.indexOf(b.muscle),
    )
    .slice(0, count);
}
