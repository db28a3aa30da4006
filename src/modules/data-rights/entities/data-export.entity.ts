import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';

export enum DataJobStatus {
  Pending = 'pending',
  Processing = 'processing',
  Completed = 'completed',
  Failed = 'failed',
}

/**
 * One requested data export (GET /users/data-export). The row is the truth, the queued job its
 * trigger; `storageKey` names the zip once written, `rowCounts` what each file holds.
 */
@Entity('data_exports')
// The caller's exports newest first, and "one per day" (the latest request).
@Index('IDX_data_exports_user_requested', ['userId', 'requestedAt'])
export class DataExport extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({
    type: 'enum',
    enum: DataJobStatus,
    enumName: 'data_job_status',
    default: DataJobStatus.Pending,
  })
  status: DataJobStatus;

  @Column({ type: 'smallint', default: 0 })
  progressPct: number;

  @Column({ type: 'varchar', length: 512, nullable: true })
  storageKey: string | null;

  @Column({ type: 'bigint', nullable: true })
  sizeBytes: string | null;

  /** Rows per exported file (the manifest's counts). */
  @Column({ type: 'jsonb', nullable: true })
  rowCounts: Record<string, number> | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  failureReason: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** When the archive is deleted from storage (DATA_EXPORT_RETENTION_HOURS after completion). */
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;
}
