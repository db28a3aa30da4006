/** The global boards (docs/challenges.md, "Leaderboards"). */
export enum LeaderboardBoard {
  /** Best e1RM of one exercise (kg), optionally DOTS-normalised by body weight. */
  Strength = 'strength',
  /** Σ volume (kg) of the completed workouts held in the period. */
  Volume = 'volume',
  /** Completed workouts held in the period. */
  Consistency = 'consistency',
}

export enum LeaderboardPeriod {
  /** The current ISO week (Monday 00:00 UTC on). */
  Week = 'week',
  /** The current calendar month (UTC). */
  Month = 'month',
  All = 'all',
}

export enum LeaderboardScope {
  /** You and your friends. */
  Friends = 'friends',
  Global = 'global',
}

/** The exercise column of the boards that have none (part of the primary key). */
export const NO_EXERCISE = '00000000-0000-0000-0000-000000000000';

/** The period start of `all`. */
export const ALL_TIME = '1970-01-01';

/** What a global board ranks by: the value global boards count, or its DOTS points. */
export enum LeaderboardRanking {
  Global = 'global',
  Dots = 'dots',
}
