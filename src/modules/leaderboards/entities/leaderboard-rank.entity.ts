import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * One listed user's place in one snapshot: `position` is 1, 2, 3… in board order (value
 * descending, then user id descending), `rank` is RANK() (ties share). A page is a range of
 * positions, the caller's place one index probe (docs/challenges.md, "Rank snapshots").
 */
@Entity('leaderboard_ranks')
// Someone's row in a snapshot (the caller's own, the viewer's blocked users).
@Index('UQ_leaderboard_ranks_user', ['snapshotId', 'userId'], { unique: true })
// Where a value would rank: the rank of the highest row at or below it.
@Index('IDX_leaderboard_ranks_value', ['snapshotId', 'value'])
export class LeaderboardRank {
  @PrimaryColumn({ type: 'bigint' })
  @ForeignKey('leaderboard_snapshots', { onDelete: 'CASCADE' })
  snapshotId: string;

  @PrimaryColumn({ type: 'int' })
  position: number;

  /** No foreign key: a deleted user's row lives until the next refresh, hidden by the join. */
  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'numeric', precision: 14, scale: 3 })
  value: string;

  @Column({ type: 'int' })
  rank: number;
}
