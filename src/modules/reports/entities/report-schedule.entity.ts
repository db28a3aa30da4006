import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { ReportFrequency, ReportKind } from '../report.vocabulary';

/**
 * A report made every week or month in the owner's time zone and emailed. `nextRunAt` is the
 * instant the next one is due (the local hour after its period ended); the recurring tick claims
 * due rows with FOR UPDATE SKIP LOCKED (IDX_report_schedules_next_run) and moves it forward in
 * the same transaction.
 */
@Entity('report_schedules')
@Index('UQ_report_schedules_user_kind_frequency', ['userId', 'kind', 'frequency'], { unique: true })
@Index('IDX_report_schedules_user_created', ['userId', 'createdAt', 'id'])
@Index('IDX_report_schedules_next_run', ['nextRunAt'])
export class ReportSchedule extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'enum', enum: ReportKind, enumName: 'report_kind' })
  kind: ReportKind;

  @Column({ type: 'enum', enum: ReportFrequency, enumName: 'report_frequency' })
  frequency: ReportFrequency;

  /** IANA zone the periods and the hour are in. */
  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  /** Local hour (0–23) at which a report is made after its period ends. */
  @Column({ type: 'smallint' })
  hour: number;

  @Column({ type: 'timestamptz' })
  nextRunAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastRunAt: Date | null;
}
