/** What a recommendation is about (docs/recommendations.md, "Kinds"). */
export enum RecommendationKind {
  UnderTrainedMuscle = 'under_trained_muscle',
  TrainingLoad = 'training_load',
  Consistency = 'consistency',
  GoalPace = 'goal_pace',
  Template = 'template',
}

/** The user's answer to a recommendation. */
export enum RecommendationFeedback {
  Useful = 'useful',
  NotUseful = 'not_useful',
  Done = 'done',
}

/**
 * Where a recommendation is in its life: `active` (shown in the current list), `resolved` (the
 * latest computation no longer finds it), `dismissed` (feedback not useful) or `done`.
 */
export enum RecommendationState {
  Active = 'active',
  Resolved = 'resolved',
  Dismissed = 'dismissed',
  Done = 'done',
}
