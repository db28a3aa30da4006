/** What a journal entry records; the other modules name entry types with it (summaries). */
export enum EntryType {
  Mood = 'mood',
  Habit = 'habit',
  Activity = 'activity',
  Meal = 'meal',
  Sleep = 'sleep',
  Custom = 'custom',
}
