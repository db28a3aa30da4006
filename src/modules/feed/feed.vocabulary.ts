/** What an activity of the feed is about (docs/social.md). */
export enum ActivityKind {
  Workout = 'workout',
  PersonalRecord = 'personal_record',
  GoalAchieved = 'goal_achieved',
  Post = 'post',
}
