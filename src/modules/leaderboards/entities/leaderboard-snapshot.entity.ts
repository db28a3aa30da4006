import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import {
  LeaderboardBoard,
  LeaderboardPeriod,
  LeaderboardRanking,
} from '../leaderboards.vocabulary';

/**
 * A board's ranks as of one moment (docs/challenges.md, "Rank snapshots"): its rows are in
 * leaderboard_ranks. Written whole by the worker, then made `current` in the same transaction
 * as the previous one stops being current: a reader sees one whole snapshot or the other.
 * A superseded snapshot is kept SNAPSHOT_GRACE_SECONDS (a request that looked it up first
 * still reads it whole), then deleted with its rows.
 */
@Entity('leaderboard_snapshots')
// The reader's lookup: the one current snapshot of a board and ranking.
@Index(
  'UQ_leaderboard_snapshots_current',
  ['board', 'period', 'periodStart', 'exerciseId', 'ranking'],
  { unique: true, where: '"current"' },
)
// Pruning: superseded snapshots.
@Index('IDX_leaderboard_snapshots_superseded', ['supersededAt'], {
  where: '"superseded_at" IS NOT NULL',
})
export class LeaderboardSnapshot {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'enum', enum: LeaderboardBoard, enumName: 'leaderboard_board' })
  board: LeaderboardBoard;

  @Column({ type: 'enum', enum: LeaderboardPeriod, enumName: 'leaderboard_period' })
  period: LeaderboardPeriod;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'uuid' })
  exerciseId: string;

  @Column({ type: 'enum', enum: LeaderboardRanking, enumName: 'leaderboard_ranking' })
  ranking: LeaderboardRanking;

  /** The moment the entries were read: the board shows them as they were then. */
  @Column({ type: 'timestamptz' })
  asOf: Date;

  /** Ranked (listed) users. */
  @Column({ type: 'int', default: 0 })
  total: number;

  @Column({ type: 'boolean', default: false })
  current: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
