import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { ReportKind, ReportPeriod, ReportStatus } from '../report.vocabulary';

/**
 * One PDF report: requested by its owner (POST /reports/generate) or made by a schedule. The row
 * is the truth (status, progress %, where the file is); the queued job only triggers the work.
 * A schedule makes at most one report per period (UQ_reports_schedule_period): the tick of
 * two workers, or a repeated tick, finds the row and sends nothing more.
 */
@Entity('reports')
@Index('IDX_reports_user_created', ['userId', 'createdAt', 'id'])
@Index('IDX_reports_status_requested', ['status', 'requestedAt'])
@Index('UQ_reports_schedule_period', ['scheduleId', 'fromDate'], {
  unique: true,
  where: '"schedule_id" IS NOT NULL',
})
export class Report extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'enum', enum: ReportKind, enumName: 'report_kind' })
  kind: ReportKind;

  @Column({ type: 'enum', enum: ReportPeriod, enumName: 'report_period' })
  period: ReportPeriod;

  /** First and last day (inclusive), dates in `timeZone`. */
  @Column({ type: 'date' })
  fromDate: string;

  @Column({ type: 'date' })
  toDate: string;

  /** The time zone the days are counted in (the owner's, or the schedule's). */
  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  @Column({
    type: 'enum',
    enum: ReportStatus,
    enumName: 'pdf_report_status',
    default: ReportStatus.Pending,
  })
  status: ReportStatus;

  /** 0–100, moved by the worker as it reads data, draws charts and stores the file. */
  @Column({ type: 'smallint', default: 0 })
  progress: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  failureReason: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Where the PDF is in storage, once completed. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  storageKey: string | null;

  @Column({ type: 'int', nullable: true })
  sizeBytes: number | null;

  @Column({ type: 'smallint', nullable: true })
  pageCount: number | null;

  @Column({ type: 'smallint', nullable: true })
  chartCount: number | null;

  /** The schedule that made it (null for one requested by hand, or once the schedule is deleted). */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('report_schedules', { onDelete: 'SET NULL' })
  scheduleId: string | null;

  /** Scheduled reports are emailed once completed; set when the email was handed over (or skipped). */
  @Column({ type: 'boolean', default: false })
  emailWanted: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  emailedAt: Date | null;

  @Column({ type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
