/**
 * Emitted (and awaited) after a workout's completion is committed: its totals and personal
 * records are stored. Goals subscribe to it.
 */
export const WORKOUT_COMPLETED = 'workout.completed';

export class WorkoutCompletedEvent {
  constructor(
    readonly userId: string,
    readonly workoutId: string,
  ) {}
}
