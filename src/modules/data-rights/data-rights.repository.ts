import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { domainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { writeWithEvents } from '../../infrastructure/events/publish-domain-events';
import { updateReturningEntity } from '../../common/database/update-returning';
import { DataExport, DataJobStatus } from './entities/data-export.entity';
import { DataImport, ImportReport, ImportSource } from './entities/data-import.entity';

/** A job's row a worker may claim: not started, or started by a worker that died. */
const OPEN_STATUSES = [DataJobStatus.Pending, DataJobStatus.Processing];

const OPEN = [DataJobStatus.Pending, DataJobStatus.Processing];

/** The data-rights module's own tables: exports and imports (their status rows). */
@Injectable()
export class DataRightsRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  private get exports() {
    return this.dataSource.getRepository(DataExport);
  }

  private get imports() {
    return this.dataSource.getRepository(DataImport);
  }

  /**
   * The latest export the user requested (failed ones aside), under a per-user transaction
   * lock so two requests at once cannot both pass the once-a-day rule; then `decide` inserts.
   * IDX_data_exports_user_requested.
   */
  async requestExport(
    userId: string,
    decide: (latest: DataExport | null) => void,
  ): Promise<DataExport> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('data-export:' || $1))`, [userId]);
      const latest = await manager.getRepository(DataExport).findOne({
        where: { userId, status: In([...OPEN, DataJobStatus.Completed]) },
        order: { requestedAt: 'DESC' },
      });
      decide(latest);
      return manager
        .getRepository(DataExport)
        .save(manager.getRepository(DataExport).create({ userId, requestedAt: new Date() }));
    });
  }

  findExport(userId: string, id: string): Promise<DataExport | null> {
    return this.exports.findOneBy({ id, userId });
  }

  findExportById(id: string): Promise<DataExport | null> {
    return this.exports.findOneBy({ id });
  }

  /** The claimed row in the same statement (updateReturningEntity), or null: not open. */
  claimExport(id: string): Promise<DataExport | null> {
    return updateReturningEntity(this.exports, (update) =>
      update
        .set({
          status: DataJobStatus.Processing,
          attempts: () => 'attempts + 1',
          progressPct: 0,
        })
        .where('id = :id AND status IN (:...open)', { id, open: OPEN_STATUSES }),
    );
  }

  async exportProgress(id: string, pct: number): Promise<void> {
    await this.exports.update({ id, status: DataJobStatus.Processing }, { progressPct: pct });
  }

  /** Completed, and its event published in the same statement. */
  async completeExport(
    row: DataExport,
    done: { storageKey: string; sizeBytes: number; rowCounts: Record<string, number> },
    expiresAt: Date,
  ): Promise<boolean> {
    const written = await writeWithEvents(
      this.dataSource.manager,
      {
        sql: `UPDATE data_exports
                 SET status = 'completed', progress_pct = 100, storage_key = $2, size_bytes = $3,
                     row_counts = $4, completed_at = now(), expires_at = $5, updated_at = now()
               WHERE id = $1 AND status = 'processing' RETURNING id`,
        parameters: [
          row.id,
          done.storageKey,
          done.sizeBytes,
          JSON.stringify(done.rowCounts),
          expiresAt,
        ],
      },
      domainEvent('data-export.completed', { userId: row.userId, exportId: row.id }),
    );
    return written.length > 0;
  }

  async failExport(id: string, reason: string): Promise<void> {
    await this.exports.update(
      { id, status: In(OPEN) },
      { status: DataJobStatus.Failed, failureReason: reason.slice(0, 500) },
    );
  }

  /** Completed exports whose archive is past its retention (IDX on requested_at is per user: a small table). */
  expiredExports(now: Date, limit: number): Promise<DataExport[]> {
    return this.exports.find({
      where: { status: DataJobStatus.Completed, expiresAt: LessThan(now) },
      take: limit,
    });
  }

  async forgetArchive(id: string): Promise<void> {
    await this.exports.update({ id }, { storageKey: null });
  }

  stuckExports(before: Date, limit: number): Promise<DataExport[]> {
    return this.exports.find({
      where: { status: In(OPEN), updatedAt: LessThan(before) },
      take: limit,
    });
  }

  // --- imports ------------------------------------------------------------------------------

  insertImport(fields: {
    id: string;
    userId: string;
    source: ImportSource;
    uploadKey: string;
    fileName: string;
    sizeBytes: number;
  }): Promise<DataImport> {
    return this.imports.save(
      this.imports.create({ ...fields, sizeBytes: String(fields.sizeBytes) }),
    );
  }

  findImport(userId: string, id: string): Promise<DataImport | null> {
    return this.imports.findOneBy({ id, userId });
  }

  claimImport(id: string): Promise<DataImport | null> {
    return updateReturningEntity(this.imports, (update) =>
      update
        .set({
          status: DataJobStatus.Processing,
          attempts: () => 'attempts + 1',
        })
        .where('id = :id AND status IN (:...open)', { id, open: OPEN_STATUSES }),
    );
  }

  async importProgress(id: string, pct: number): Promise<void> {
    await this.imports.update({ id, status: DataJobStatus.Processing }, { progressPct: pct });
  }

  async finishImport(
    manager: EntityManager,
    id: string,
    status: DataJobStatus.Completed | DataJobStatus.Failed,
    report: ImportReport,
    failureReason: string | null,
  ): Promise<void> {
    await manager.update(
      DataImport,
      { id },
      { status, report, failureReason, progressPct: 100, completedAt: new Date() },
    );
  }

  stuckImports(before: Date, limit: number): Promise<DataImport[]> {
    return this.imports.find({
      where: { status: In(OPEN), updatedAt: LessThan(before) },
      take: limit,
    });
  }
}
