import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { ChallengeKind, ChallengeStatus, ChallengeVisibility } from '../challenges.vocabulary';

/**
 * A challenge: a kind of progress measured over a window of local days of the creator's time
 * zone, stored both as the days (`startsOn`, `endsOn`, both included) and as the instants they
 * span (`startsAt` included, `endsAt` excluded), computed once in SQL at creation.
 */
@Entity('challenges')
// GET /challenges: open challenges by start (active, upcoming), newest first.
@Index('IDX_challenges_status_starts', ['status', 'startsAt', 'id'])
// The close job: open challenges whose end has passed.
@Index('IDX_challenges_open_ends', ['endsAt'], { where: `"status" = 'open'` })
// A creator's challenges (`filter=friends`, `mine`) and the cascade from users.
@Index('IDX_challenges_creator', ['creatorId', 'startsAt', 'id'])
// Backs ON DELETE CASCADE from exercises.
@Index('IDX_challenges_exercise', ['exerciseId'], { where: '"exercise_id" IS NOT NULL' })
export class Challenge extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  creatorId: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @Column({ type: 'enum', enum: ChallengeKind, enumName: 'challenge_kind' })
  kind: ChallengeKind;

  /** The exercise of an `exercise_reps` challenge. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('exercises', { onDelete: 'CASCADE' })
  exerciseId: string | null;

  /** The sessions a week needs to count, for `consistency`. */
  @Column({ type: 'smallint', nullable: true })
  sessionsPerWeek: number | null;

  @Column({ type: 'enum', enum: ChallengeVisibility, enumName: 'challenge_visibility' })
  visibility: ChallengeVisibility;

  /** The creator's IANA zone when created: the window's days and weeks are counted in it. */
  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  /** Local midnight starting `startsOn`. */
  @Column({ type: 'timestamptz' })
  startsAt: Date;

  /** Local midnight after `endsOn` (excluded): when the close job closes it. */
  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({
    type: 'enum',
    enum: ChallengeStatus,
    enumName: 'challenge_status',
    default: ChallengeStatus.Open,
  })
  status: ChallengeStatus;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
