/** What an activity of the feed is about (docs/social.md). */
export enum ActivityKind {
  Workout = 'workout',
  PersonalRecord = 'personal_record',
  GoalAchieved = 'goal_achieved',
  Post = 'post',
  /** A closed challenge's result, one per participant (challenge.closed). */
  ChallengeResult = 'challenge_result',
}

/** Feed content a user can report and a moderator can remove. */
export type FeedContentKind = 'activity' | 'comment';

/** Reported content as the reporter saw it: who answers for it, and what it said then. */
export interface ReportedContent {
  ownerId: string;
  snapshot: Record<string, unknown>;
}
