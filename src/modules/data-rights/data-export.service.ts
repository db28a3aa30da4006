import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { PassThrough, Readable } from 'node:stream';
import { Signer } from '../../common/crypto/signer';
import { apiPath } from '../../common/http/api-path';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { JobName } from '../../infrastructure/queues/job-registry';
import { Storage } from '../../infrastructure/storage/storage';
import { AvatarSize } from '../users/avatar.vocabulary';
import { AvatarsService } from '../users/avatars.service';
import { DataRightsProblems } from './data-rights-problems';
import { DataRightsRepository } from './data-rights.repository';
import { DataExportDto } from './dto/data-export.dto';
import { DataExport, DataJobStatus } from './entities/data-export.entity';
import { ExtraFile, writeExportArchive } from './export/export-archive';

/** One export per user per this period (the product's "at most one export per day"). */
export const EXPORT_INTERVAL_MS = 24 * 60 * 60 * 1000;
const SWEEP_BATCH = 100;
/** An open export not touched for this long has lost its job. */
const STUCK_AFTER_MS = 10 * 60 * 1000;

/**
 * Data export (docs/data-rights.md): the API records a request (once a day) and enqueues its job
 * (202); the worker streams the zip to storage from one database snapshot and publishes
 * `data-export.completed` (notifications tell the user, in-app and by email); the status hands
 * out signed download links that expire.
 */
@Injectable()
export class DataExportService {
  private readonly logger = new Logger(DataExportService.name);
  private readonly signer: Signer;

  constructor(
    private readonly repository: DataRightsRepository,
    private readonly storage: Storage,
    private readonly avatars: AvatarsService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {
    this.signer = Signer.forPurpose(config.auth.refreshSecret, 'fitai:data-export:download');
  }

  async request(userId: string, now = new Date()): Promise<DataExportDto> {
    const row = await this.repository.requestExport(userId, (latest) => {
      if (!latest) return;
      const next = new Date(latest.requestedAt.getTime() + EXPORT_INTERVAL_MS);
      if (next <= now) return;
      throw DataRightsProblems.exportTooSoon.exception(
        `You can request one data export per day; the next one can be requested at ${next.toISOString()}.`,
        { nextAllowedAt: next.toISOString() },
        { 'Retry-After': String(Math.ceil((next.getTime() - now.getTime()) / 1000)) },
      );
    });
    await this.enqueue(row).catch((error: unknown) =>
      this.logger.warn(
        { err: error, exportId: row.id },
        'export job not enqueued; the sweeper will retry',
      ),
    );
    return this.toDto(row, now);
  }

  async get(userId: string, id: string, now = new Date()): Promise<DataExportDto> {
    const row = await this.repository.findExport(userId, id);
    if (!row) throw new NotFoundException('No such data export.');
    return this.toDto(row, now);
  }

  /** The archive behind a signed link; an expired link (or archive) is a 410, a forged one a 404. */
  async download(
    id: string,
    expires: number,
    signature: string,
    now = new Date(),
  ): Promise<{ body: Readable; size: number; fileName: string }> {
    if (!this.signer.verify(`${id}.${expires}`, signature)) {
      throw new NotFoundException('No such data export.');
    }
    if (expires * 1000 <= now.getTime()) {
      throw DataRightsProblems.linkExpired.exception(
        `This download link has expired; get a new one from GET /users/data-export/${id}.`,
      );
    }
    const row = await this.repository.findExportById(id);
    if (!row || row.status !== DataJobStatus.Completed) {
      throw new NotFoundException('No such data export.');
    }
    const stored = row.storageKey ? await this.storage.get(row.storageKey) : null;
    if (!stored) {
      throw DataRightsProblems.linkExpired.exception(
        'This export was deleted after its retention period; request a new one.',
      );
    }
    const day = row.requestedAt.toISOString().slice(0, 10);
    return { body: stored.body, size: stored.size, fileName: `fitai-export-${day}.zip` };
  }

  /**
   * Worker side. Idempotent: a finished export is skipped; a retry rewrites the archive (same
   * key) from a fresh snapshot. Throws to let Bull retry; the last attempt marks it failed.
   */
  async process(exportId: string, attempt: { number: number; of: number }): Promise<string> {
    const row = await this.repository.claimExport(exportId);
    if (!row) return 'skipped';
    try {
      const key = `exports/${row.userId}/${row.id}.zip`;
      const { size, rowCounts } = await this.writeArchive(row, key);
      const expiresAt = new Date(
        Date.now() + this.config.dataRights.exportRetentionHours * 3600_000,
      );
      await this.repository.completeExport(
        row,
        { storageKey: key, sizeBytes: size, rowCounts },
        expiresAt,
      );
      return 'completed';
    } catch (error) {
      if (attempt.number >= attempt.of) {
        await this.repository.failExport(row.id, (error as Error).message || 'unknown error');
      }
      throw error;
    }
  }

  /** Streams the archive into storage from one REPEATABLE READ snapshot. */
  async writeArchive(
    row: Pick<DataExport, 'id' | 'userId'>,
    key: string,
  ): Promise<{ size: number; rowCounts: Record<string, number> }> {
    const runner = this.repository.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const [profile] = (await runner.query('SELECT avatar_digest FROM users WHERE id = $1', [
        row.userId,
      ])) as { avatar_digest: string | null }[];
      if (!profile) throw new Error('the user no longer exists');
      // The PDFs of the user's reports, as the snapshot lists them (reports.storage_key).
      const reports = (await runner.query(
        `SELECT id, storage_key AS "storageKey" FROM reports
          WHERE user_id = $1 AND storage_key IS NOT NULL ORDER BY created_at, id`,
        [row.userId],
      )) as { id: string; storageKey: string }[];
      const sink = new PassThrough();
      const upload = this.storage.put(key, sink, { contentType: 'application/zip' });
      // The upload's failure must end the writer, and the writer's the upload.
      upload.catch((error: Error) => sink.destroy(error));
      let lastPct = -1;
      const files = await writeExportArchive(
        {
          exportId: row.id,
          userId: row.userId,
          runner,
          extraFiles: [
            ...this.avatarFiles(row.userId, profile.avatar_digest),
            ...reports.map((report) =>
              this.storedFile(`files/reports/${report.id}.pdf`, report.storageKey),
            ),
          ],
          progress: async (done) => {
            const pct = Math.min(99, Math.floor(done * 100));
            if (pct === lastPct) return;
            lastPct = pct;
            await this.repository.exportProgress(row.id, pct);
          },
        },
        sink,
      ).catch((error: Error) => {
        sink.destroy(error);
        throw error;
      });
      const stored = await upload;
      await runner.commitTransaction();
      const rowCounts = Object.fromEntries(files.map((f) => [f.path, f.rows]));
      return { size: stored.size, rowCounts };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Worker side, periodic: deletes archives past retention and re-enqueues lost jobs. */
  async sweep(now = new Date()): Promise<{ deleted: number; requeued: number }> {
    const expired = await this.repository.expiredExports(now, SWEEP_BATCH);
    for (const row of expired) {
      if (row.storageKey) await this.storage.delete(row.storageKey);
      await this.repository.forgetArchive(row.id);
    }
    const stuck = await this.repository.stuckExports(
      new Date(now.getTime() - STUCK_AFTER_MS),
      SWEEP_BATCH,
    );
    for (const row of stuck) await this.enqueue(row);
    return { deleted: expired.filter((r) => r.storageKey).length, requeued: stuck.length };
  }

  /** `expires` (Unix seconds) and its HMAC: the link works until then, for anyone holding it. */
  signedPath(id: string, expires: number): string {
    return apiPath(
      `users/data-export/${id}/download?expires=${expires}&signature=${this.signer.sign(`${id}.${expires}`)}`,
    );
  }

  /** A stored file, or nothing when it is gone (deleted since the snapshot was taken). */
  private storedFile(path: string, key: string): ExtraFile {
    return { path, open: async () => (await this.storage.get(key))?.body ?? null };
  }

  private avatarFiles(userId: string, digest: string | null): ExtraFile[] {
    if (!digest) return [];
    return Object.values(AvatarSize).map((size) => ({
      path: `files/avatar-${size}.webp`,
      open: async () => {
        try {
          return (await this.avatars.open(userId, digest, size)).file?.body ?? null;
        } catch (error) {
          if (error instanceof NotFoundException) return null;
          throw error;
        }
      },
    }));
  }

  private toDto(row: DataExport, now: Date): DataExportDto {
    let download: { url: string; expiresAt: Date } | null = null;
    if (row.status === DataJobStatus.Completed && row.storageKey && row.expiresAt) {
      const until = Math.min(
        now.getTime() + this.config.dataRights.exportLinkTtlSeconds * 1000,
        row.expiresAt.getTime(),
      );
      const expires = Math.floor(until / 1000);
      download = {
        url: `${this.config.http.publicUrl}${this.signedPath(row.id, expires)}`,
        expiresAt: new Date(expires * 1000),
      };
    }
    return DataExportDto.from(row, download);
  }

  private enqueue(row: DataExport): Promise<void> {
    return this.jobs.enqueue(
      JobName.ExportUserData,
      { exportId: row.id },
      { jobId: `data-export:${row.id}:${row.attempts}` },
    );
  }
}
