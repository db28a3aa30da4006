import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import { DataJobStatus } from './data-export.entity';

export enum ImportSource {
  FitAi = 'fitai',
  Strong = 'strong',
  Hevy = 'hevy',
}

/** What an import found: counts, unmatched exercise names, and the rows that failed and why. */
export interface ImportReport {
  /** Rows (CSV lines, or records of the FitAI archive) read. */
  rowsRead: number;
  /** Created per kind (workouts, sets, entries, ...). */
  created: Record<string, number>;
  /** Already imported (same content hash): skipped. */
  skipped: Record<string, number>;
  /** Exercise names that matched nothing in the library (a custom exercise was made for each). */
  unmatchedExercises: string[];
  /** Rows that failed validation: nothing is imported when there is one. */
  errors: { row: number; file?: string; field?: string; message: string }[];
}

/** One uploaded import (POST /users/data-import): the file is in storage under `uploadKey`. */
@Entity('data_imports')
@Index('IDX_data_imports_user_created', ['userId', 'createdAt'])
export class DataImport extends BaseEntity {
  @Column({ type: 'uuid' })
  @ForeignKey('users', { onDelete: 'CASCADE' })
  userId: string;

  @Column({ type: 'enum', enum: ImportSource, enumName: 'data_import_source' })
  source: ImportSource;

  @Column({
    type: 'enum',
    enum: DataJobStatus,
    enumName: 'data_job_status',
    default: DataJobStatus.Pending,
  })
  status: DataJobStatus;

  @Column({ type: 'smallint', default: 0 })
  progressPct: number;

  @Column({ type: 'varchar', length: 512 })
  uploadKey: string;

  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'bigint' })
  sizeBytes: string;

  @Column({ type: 'jsonb', nullable: true })
  report: ImportReport | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  failureReason: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
