import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import type { SummaryPeriod } from '../../ai/ai.vocabulary';
import type { SummaryResult } from '../summary-result';

export enum SummaryStatus {
  Pending = 'pending',
  Processing = 'processing',
  Completed = 'completed',
  Failed = 'failed',
}

export const SUMMARY_PERIODS: readonly SummaryPeriod[] = ['day', 'week', 'month'];

/**
 * One summary per user and period (e.g. the ISO week starting 2026-11-16). The row is the
 * truth; the queued job only triggers work. `stale` is set when entries inside the period
 * change, so the next request recomputes instead of serving the old result.
 */
@Entity('summaries')
@Index('UQ_summaries_user_period', ['userId', 'period', 'periodStart'], { unique: true })
@Index('IDX_summaries_user_created', ['userId', 'createdAt', 'id'])
@Index('IDX_summaries_user_status_created', ['userId', 'status', 'createdAt', 'id'])
@Index('IDX_summaries_status_requested', ['status', 'requestedAt'])
export class Summary extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'enum', enum: ['day', 'week', 'month'], enumName: 'summary_period' })
  period: SummaryPeriod;

  /** Inclusive start and exclusive end of the period, UTC. */
  @Column({ type: 'timestamptz' })
  periodStart: Date;

  @Column({ type: 'timestamptz' })
  periodEnd: Date;

  @Column({
    type: 'enum',
    enum: SummaryStatus,
    enumName: 'summary_status',
    default: SummaryStatus.Pending,
  })
  status: SummaryStatus;

  @Column({ type: 'boolean', default: false })
  stale: boolean;

  @Column({ type: 'jsonb', nullable: true })
  result: SummaryResult | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  failureReason: string | null;

  /** Processing attempts of the current request. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** When the current computation was requested; also names its job (dedupe). */
  @Column({ type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
