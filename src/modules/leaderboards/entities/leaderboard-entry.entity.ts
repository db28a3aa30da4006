import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { LeaderboardBoard, LeaderboardPeriod } from '../leaderboards.vocabulary';

/**
 * One user's value on one board for one period: the incremental structure the boards are read
 * from (docs/challenges.md, "Board structure"). Kept by the worker's subscribers, recomputed
 * for the user's affected periods on every workout and body reading event (idempotent).
 * `listed` is false for users who opted out or keep their activities to themselves: they are
 * left out of others' boards, and of the partial indexes every ranked read goes through.
 */
@Entity('leaderboard_entries')
// Global boards: ranked reads and rank counts, listed users only (index-only scans).
@Index(
  'IDX_leaderboard_entries_global',
  ['board', 'period', 'periodStart', 'exerciseId', 'globalValue', 'userId'],
  { where: '"listed" AND "global_value" > 0' },
)
// Strength boards normalised by body weight (DOTS).
@Index(
  'IDX_leaderboard_entries_dots',
  ['board', 'period', 'periodStart', 'exerciseId', 'dotsValue', 'userId'],
  { where: '"listed" AND "dots_value" IS NOT NULL' },
)
// A user's entries (privacy changes, the cascade from users).
@Index('IDX_leaderboard_entries_user', ['userId'])
export class LeaderboardEntry {
  @PrimaryColumn({ type: 'enum', enum: LeaderboardBoard, enumName: 'leaderboard_board' })
  board: LeaderboardBoard;

  @PrimaryColumn({ type: 'enum', enum: LeaderboardPeriod, enumName: 'leaderboard_period' })
  period: LeaderboardPeriod;

  /** The week's Monday, the month's first day, or 1970-01-01 for `all` (UTC calendar). */
  @PrimaryColumn({ type: 'date' })
  periodStart: string;

  /** The exercise of a strength board; NO_EXERCISE otherwise. */
  @PrimaryColumn({ type: 'uuid' })
  exerciseId: string;

  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  /** The user's own value (what they and their friends see). */
  @Column({ type: 'numeric', precision: 14, scale: 3 })
  value: string;

  /** The value global boards rank by: a strength jump > 30 % waits for a second session. */
  @Column({ type: 'numeric', precision: 14, scale: 3 })
  globalValue: string;

  /** Strength: globalValue × DOTS coefficient of the latest body weight; null without one. */
  @Column({ type: 'numeric', precision: 14, scale: 3, nullable: true })
  dotsValue: string | null;

  /** Shown on others' boards: not opted out, activities not `only_me`. */
  @Column({ type: 'boolean', default: true })
  listed: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
