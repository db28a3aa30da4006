/** What a challenge measures (docs/challenges.md, "Kinds"). */
export enum ChallengeKind {
  /** Completed workouts held in the window. */
  WorkoutCount = 'workout_count',
  /** Σ total_volume_kg of the completed workouts held in the window (kg). */
  Volume = 'volume',
  /** Reps of the completed working sets of one exercise (`exerciseId`) in the window. */
  ExerciseReps = 'exercise_reps',
  /** Weeks (Monday to Sunday in the challenge's zone) with at least `sessionsPerWeek` workouts. */
  Consistency = 'consistency',
}

/** Who sees a challenge and may join it (docs/challenges.md, "Visibility"). */
export enum ChallengeVisibility {
  Public = 'public',
  /** The creator's friends. */
  Friends = 'friends',
  /** Only the users the creator invited. */
  InviteOnly = 'invite_only',
}

export enum ChallengeStatus {
  Open = 'open',
  /** Closed by the close job at its end: ranks and winners are final. */
  Closed = 'closed',
}

/** The award a participant gets when the challenge closes. */
export enum ChallengeBadge {
  /** Ranked first (ties included) with some progress. */
  Winner = 'winner',
  /** Made some progress. */
  Finisher = 'finisher',
}
