/** What an activity of the feed is about (docs/social.md). */
export enum ActivityKind {
  Workout = 'workout',
  PersonalRecord = 'personal_record',
  GoalAchieved = 'goal_achieved',
  Post = 'post',
  /** A closed challenge's result, one per participant (challenge.closed). */
  ChallengeResult = 'challenge_result',
}
