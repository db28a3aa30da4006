import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { Problems } from '../../common/errors/problem-types';
import { WeightUnit } from '../../common/units/weight-unit';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { JobName } from '../../infrastructure/queues/job-registry';
import { domainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { publishDomainEvents } from '../../infrastructure/events/publish-domain-events';
import { Storage } from '../../infrastructure/storage/storage';
import { UsersService } from '../users/users.service';
import { WorkoutsService } from '../workouts/workouts.service';
import { DataRightsProblems } from './data-rights-problems';
import { DataRightsRepository } from './data-rights.repository';
import { DataImportDto } from './dto/data-import.dto';
import { DataJobStatus } from './entities/data-export.entity';
import { DataImport, ImportReport, ImportSource } from './entities/data-import.entity';
import { buildExportSchemas, JsonSchema } from './export/export-schema';
import { readHevyCsv, readStrongCsv } from './import/csv-formats';
import { applyFitAiPlan, checkArchive } from './import/fitai-archive';
import { applyCsvPlan, emptyReport } from './import/import-writer';

const SWEEP_BATCH = 100;
const STUCK_AFTER_MS = 10 * 60 * 1000;

/** An upload: the file's stream and name, and its options. */
export interface ImportUpload {
  stream: Readable;
  fileName: string;
  source: ImportSource;
  weightUnit?: WeightUnit;
  /** Whether the parser cut the file at the size limit (it then ends the stream early). */
  truncated: () => boolean;
}

/**
 * Imports (docs/data-rights.md): the upload is streamed to storage and a job enqueued (202); the
 * worker reads and checks the whole file first (a bad row refuses the file, with every failed
 * row and why), then writes everything in one transaction, each workout or record claimed by its
 * content hash so that the same file twice adds nothing.
 */
@Injectable()
export class DataImportService {
  private readonly logger = new Logger(DataImportService.name);
  /**
   * The export's JSON Schemas, read from the catalogue (46 queries) at the first FitAI import
   * and kept: tables change only by a migration, which comes with a new release (a restart).
   */
  private schemas?: Promise<Record<string, JsonSchema>>;

  constructor(
    private readonly repository: DataRightsRepository,
    private readonly storage: Storage,
    private readonly users: UsersService,
    private readonly workouts: WorkoutsService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  get maxBytes(): number {
    return this.config.dataRights.importMaxBytes;
  }

  async upload(userId: string, upload: ImportUpload): Promise<DataImportDto> {
    const id = randomUUID();
    const uploadKey = `imports/${userId}/${id}`;
    let size: number;
    try {
      size = (
        await this.storage.put(uploadKey, upload.stream, {
          contentType: 'application/octet-stream',
        })
      ).size;
      if (upload.truncated()) throw Object.assign(new Error('too large'), { statusCode: 413 });
    } catch (error) {
      await this.storage.delete(uploadKey).catch(() => undefined);
      if ((error as { statusCode?: number }).statusCode === 413) {
        throw DataRightsProblems.importTooLarge.exception(
          `The file is larger than ${this.maxBytes} bytes.`,
          { maxBytes: this.maxBytes },
        );
      }
      throw error;
    }
    if (size === 0) {
      await this.storage.delete(uploadKey);
      throw Problems.fileRequired.exception('The file is empty.');
    }
    const row = await this.repository.insertImport({
      id,
      userId,
      source: upload.source,
      uploadKey,
      fileName: upload.fileName.slice(0, 255) || 'upload',
      sizeBytes: size,
    });
    // The unit travels in the job: it is an option of this import, not state.
    await this.enqueue(row, upload.weightUnit).catch((error: unknown) =>
      this.logger.warn(
        { err: error, importId: id },
        'import job not enqueued; the sweeper will retry',
      ),
    );
    return DataImportDto.from(row);
  }

  async get(userId: string, id: string): Promise<DataImportDto> {
    const row = await this.repository.findImport(userId, id);
    if (!row) throw new NotFoundException('No such import.');
    return DataImportDto.from(row);
  }

  /**
   * Worker side. Reads and checks the whole file, then writes it in one transaction with the
   * final status; a file with errors ends `failed` with its report and writes nothing.
   */
  async process(importId: string, weightUnit: WeightUnit | undefined): Promise<string> {
    const row = await this.repository.claimImport(importId);
    if (!row) return 'skipped';
    const content = await this.storage.read(row.uploadKey);
    if (!content) {
      await this.finish(row, DataJobStatus.Failed, emptyReport(0), 'the uploaded file is gone');
      return 'failed';
    }
    const preferences = await this.users.preferencesOf(row.userId);
    const zone = preferences.timeZone ?? 'UTC';
    const progress = (share: number) =>
      this.repository.importProgress(row.id, Math.min(99, 10 + Math.floor(share * 89)));
    const report = await this.repository.dataSource
      .transaction(async (manager) => {
        let result: ImportReport;
        const workoutIds: string[] = [];
        if (row.source === ImportSource.FitAi) {
          const plan = await checkArchive(() => this.exportSchemas(), content);
          result = plan.errors.length
            ? { ...emptyReport(plan.rowsRead), errors: plan.errors }
            : await applyFitAiPlan(
                manager,
                { userId: row.userId, importId: row.id },
                plan,
                progress,
                workoutIds,
              );
        } else {
          const plan = await (row.source === ImportSource.Strong
            ? readStrongCsv(
                content,
                zone,
                weightUnit ?? preferences.weightUnit ?? WeightUnit.Kilogram,
              )
            : readHevyCsv(content, zone));
          result = plan.errors.length
            ? { ...emptyReport(plan.rowsRead), errors: plan.errors }
            : await applyCsvPlan(
                manager,
                { userId: row.userId, importId: row.id, source: row.source },
                plan,
                progress,
                workoutIds,
              );
        }
        if (result.errors.length) {
          // Nothing of a refused file stays: roll the writes back, then record the report.
          throw new RefusedImport(result);
        }
        await this.announce(manager, row, workoutIds);
        await this.repository.finishImport(manager, row.id, DataJobStatus.Completed, result, null);
        return result;
      })
      .catch(async (error: unknown) => {
        if (!(error instanceof RefusedImport)) throw error;
        const errors = error.report.errors.length;
        await this.finish(
          row,
          DataJobStatus.Failed,
          error.report,
          `${errors} row(s) failed: nothing was imported`,
        );
        return error.report;
      });
    return report.errors.length ? 'failed' : 'completed';
  }

  /**
   * The imported sessions as the API would store them (e1RM per set, totals, personal records:
   * the workouts module derives them) and one `workouts.imported` event for the batch, in the
   * import's transaction: rollups, boards, challenges, goals and recommendations follow;
   * feeds and notifications do not (docs/data-rights.md, "Derived values and events").
   */
  private async announce(manager: EntityManager, row: DataImport, workoutIds: string[]) {
    const span = await this.workouts.deriveImported(manager, row.userId, workoutIds);
    if (!span) return;
    await publishDomainEvents(
      manager,
      domainEvent('workouts.imported', {
        userId: row.userId,
        importId: row.id,
        workouts: workoutIds.length,
        from: span.from.toISOString(),
        to: span.to.toISOString(),
      }),
    );
  }

  private exportSchemas(): Promise<Record<string, JsonSchema>> {
    // Outside the import's transaction (its snapshot has nothing to add); a failure is not kept.
    this.schemas ??= buildExportSchemas(this.repository.dataSource).catch((error: unknown) => {
      this.schemas = undefined;
      throw error;
    });
    return this.schemas;
  }

  async sweep(now = new Date()): Promise<number> {
    const stuck = await this.repository.stuckImports(
      new Date(now.getTime() - STUCK_AFTER_MS),
      SWEEP_BATCH,
    );
    for (const row of stuck) await this.enqueue(row, undefined);
    return stuck.length;
  }

  private async finish(
    row: DataImport,
    status: DataJobStatus.Completed | DataJobStatus.Failed,
    report: ImportReport,
    reason: string | null,
  ) {
    await this.repository.finishImport(
      this.repository.dataSource.manager,
      row.id,
      status,
      report,
      reason,
    );
  }

  private enqueue(row: DataImport, weightUnit: WeightUnit | undefined): Promise<void> {
    return this.jobs.enqueue(
      JobName.ImportUserData,
      { importId: row.id, ...(weightUnit ? { weightUnit } : {}) },
      { jobId: `data-import:${row.id}:${row.attempts}` },
    );
  }
}

class RefusedImport extends Error {
  constructor(readonly report: ImportReport) {
    super('import refused');
  }
}
