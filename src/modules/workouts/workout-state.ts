/**
 * The life cycle of a workout session (PostgreSQL enum `workout_status`):
 *
 *   planned ──start──▶ in_progress ──pause──▶ paused
 *                        ▲     │◀──resume─────┘  │
 *                        │     └──complete──▶ completed ◀──complete──┘
 *   planned | in_progress | paused ──abandon──▶ abandoned
 *
 * Completed and abandoned are final. The table below is the only place that says which
 * action is allowed from which status; the repository applies it as a conditional UPDATE.
 */
export enum WorkoutStatus {
  Planned = 'planned',
  InProgress = 'in_progress',
  Paused = 'paused',
  Completed = 'completed',
  Abandoned = 'abandoned',
}

export enum WorkoutAction {
  Start = 'start',
  Pause = 'pause',
  Resume = 'resume',
  Complete = 'complete',
  Abandon = 'abandon',
}

export interface Transition {
  from: readonly WorkoutStatus[];
  to: WorkoutStatus;
}

export const TRANSITIONS: Readonly<Record<WorkoutAction, Transition>> = {
  [WorkoutAction.Start]: { from: [WorkoutStatus.Planned], to: WorkoutStatus.InProgress },
  [WorkoutAction.Pause]: { from: [WorkoutStatus.InProgress], to: WorkoutStatus.Paused },
  [WorkoutAction.Resume]: { from: [WorkoutStatus.Paused], to: WorkoutStatus.InProgress },
  [WorkoutAction.Complete]: {
    from: [WorkoutStatus.InProgress, WorkoutStatus.Paused],
    to: WorkoutStatus.Completed,
  },
  [WorkoutAction.Abandon]: {
    from: [WorkoutStatus.Planned, WorkoutStatus.InProgress, WorkoutStatus.Paused],
    to: WorkoutStatus.Abandoned,
  },
};

export function canApply(status: WorkoutStatus, action: WorkoutAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** The actions allowed from `status`, for the 409 answer to an illegal one. */
export function allowedActions(status: WorkoutStatus): WorkoutAction[] {
  return Object.values(WorkoutAction).filter((action) => canApply(status, action));
}

/** Final: the session's exercises and sets no longer change (its totals and records stand). */
export function isClosed(status: WorkoutStatus): boolean {
  return allowedActions(status).length === 0;
}
