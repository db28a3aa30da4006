import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { LeaderboardBoard, LeaderboardPeriod } from '../leaderboards.vocabulary';

/**
 * One board of one period and whether its rank snapshot is behind its entries
 * (docs/challenges.md, "Rank snapshots"). Marked dirty after a user's entries changed (once the
 * change is committed); the refresh job claims dirty boards, and rewrites their snapshots no
 * more often than `max(2 s, 10 × the last refresh's duration)`.
 */
@Entity('leaderboard_boards')
// The refresh job's claim: dirty boards, oldest change first.
@Index('IDX_leaderboard_boards_dirty', ['changedAt'], { where: '"dirty"' })
export class LeaderboardBoardState {
  @PrimaryColumn({ type: 'enum', enum: LeaderboardBoard, enumName: 'leaderboard_board' })
  board: LeaderboardBoard;

  @PrimaryColumn({ type: 'enum', enum: LeaderboardPeriod, enumName: 'leaderboard_period' })
  period: LeaderboardPeriod;

  @PrimaryColumn({ type: 'date' })
  periodStart: string;

  @PrimaryColumn({ type: 'uuid' })
  exerciseId: string;

  /** Entries changed since the last snapshot began. */
  @Column({ type: 'boolean', default: true })
  dirty: boolean;

  /** When it was last marked dirty. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;

  /** When the last refresh began (its snapshot's `asOf`); null: never refreshed. */
  @Column({ type: 'timestamptz', nullable: true })
  refreshedAt: Date | null;

  /** How long the last refresh took (every ranking of the board). */
  @Column({ type: 'int', default: 0 })
  refreshMs: number;
}
