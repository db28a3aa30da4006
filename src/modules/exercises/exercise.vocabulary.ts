export enum ExerciseSource {
  /** Seeded from the shipped data set (data/exercises.json). */
  Library = 'library',
  /** Created by a user. */
  User = 'user',
}

/** Moderation: a user-made exercise is private to its creator until an admin approves it. */
export enum ExerciseStatus {
  Approved = 'approved',
  Pending = 'pending',
  Rejected = 'rejected',
}
