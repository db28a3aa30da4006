/**
 * Who may see something a user shares (docs/social.md, "Visibility"). Declared from the widest
 * to the narrowest: PostgreSQL orders enum values as declared, so `GREATEST(a, b)` of two
 * `audience` values is the stricter one, and SQL never needs a CASE to combine them.
 */
export enum Audience {
  Public = 'public',
  Friends = 'friends',
  OnlyMe = 'only_me',
}

const STRICTNESS: Record<Audience, number> = {
  [Audience.Public]: 0,
  [Audience.Friends]: 1,
  [Audience.OnlyMe]: 2,
};

/** Whether `audience` shows at least as little as `bound` (a child never wider than its source). */
export function isWithin(audience: Audience, bound: Audience): boolean {
  return STRICTNESS[audience] >= STRICTNESS[bound];
}

/** A user's privacy defaults, as their preferences hold them. */
export interface PrivacySettings {
  /** Found by search and suggested to others; friends find them either way. */
  profileDiscoverable: boolean;
  /** Who sees the activities made from their workouts, records and goals, at most. */
  activityVisibility: Audience;
  /** Whether others see the numbers (weights, reps) of their personal records. */
  showRecordNumbers: boolean;
}
