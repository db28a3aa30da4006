import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, Repository } from 'typeorm';
import { updateReturningEntity } from '../../common/database/update-returning';
import { KeysetPosition } from '../../common/pagination/cursor';
import { newestFirstPage } from '../../common/pagination/keyset';
import { domainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { Report } from './entities/report.entity';
import { ReportStatus } from './report.vocabulary';

export type NewReport = Pick<
  Report,
  'userId' | 'kind' | 'period' | 'fromDate' | 'toDate' | 'timeZone'
>;

export interface StoredFile {
  storageKey: string;
  sizeBytes: number;
  pageCount: number;
  chartCount: number;
}

@Injectable()
export class ReportsRepository {
  constructor(@InjectRepository(Report) private readonly reports: Repository<Report>) {}

  async insertPending(report: NewReport): Promise<Report> {
    return this.reports.save(
      this.reports.create({ ...report, status: ReportStatus.Pending, requestedAt: new Date() }),
    );
  }

  findOwned(userId: string, id: string): Promise<Report | null> {
    return this.reports.findOneBy({ id, userId });
  }

  findById(id: string): Promise<Report | null> {
    return this.reports.findOneBy({ id });
  }

  /** Newest first, keyset on (created_at, id): IDX_reports_user_created. */
  findPage(userId: string, before: KeysetPosition | undefined, limit: number): Promise<Report[]> {
    const query = this.reports
      .createQueryBuilder('report')
      .where('report.userId = :userId', { userId });
    return newestFirstPage(query, 'createdAt', before, limit).getMany();
  }

  /**
   * Pending or processing (a retry, a re-enqueued job) can be claimed; finished ones cannot.
   * Progress never goes back: a retry (or a stalled job run again) keeps what the client saw
   * until the new attempt passes it.
   */
  claim(id: string): Promise<Report | null> {
    return updateReturningEntity(this.reports, (update) =>
      update
        .set({
          status: ReportStatus.Processing,
          progress: () => 'GREATEST(progress, 5)',
          startedAt: () => 'now()',
          attempts: () => 'attempts + 1',
        })
        .where('id = :id', { id })
        .andWhere('status IN (:...statuses)', {
          statuses: [ReportStatus.Pending, ReportStatus.Processing],
        }),
    );
  }

  /** Raises the progress (never lowers it, see claim), up to 99 until the report completes. */
  async setProgress(id: string, progress: number): Promise<void> {
    await this.reports
      .createQueryBuilder()
      .update()
      .set({ progress: () => 'GREATEST(progress, :progress)' })
      .setParameter('progress', Math.max(0, Math.min(99, Math.round(progress))))
      .where('id = :id AND status = :status', { id, status: ReportStatus.Processing })
      .execute();
  }

  /** The completed row (null when it was no longer processing); publishes `report.completed`. */
  complete(report: Pick<Report, 'id' | 'userId'>, file: StoredFile): Promise<Report | null> {
    return updateReturningEntity(
      this.reports,
      (update) =>
        update
          .set({
            ...file,
            status: ReportStatus.Completed,
            progress: 100,
            failureReason: null,
            completedAt: () => 'now()',
          })
          .where('id = :id AND status = :processing', {
            id: report.id,
            processing: ReportStatus.Processing,
          }),
      domainEvent('report.completed', { userId: report.userId, reportId: report.id }),
    );
  }

  async fail(id: string, reason: string): Promise<void> {
    await this.reports.update(
      { id, status: ReportStatus.Processing },
      { status: ReportStatus.Failed, failureReason: reason.slice(0, 500) },
    );
  }

  async markEmailed(id: string): Promise<void> {
    await this.reports.update({ id }, { emailedAt: () => 'now()' });
  }

  /** Reports whose job may have been lost (IDX_reports_status_requested). */
  findStuck(requestedBefore: Date, limit: number): Promise<Report[]> {
    return this.reports.find({
      where: {
        status: In([ReportStatus.Pending, ReportStatus.Processing]),
        requestedAt: LessThan(requestedBefore),
      },
      order: { requestedAt: 'ASC' },
      take: limit,
    });
  }
}
