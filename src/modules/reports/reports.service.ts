import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { assertValid } from '../../common/errors/domain-errors';
import { CursorPage, toCursorPage } from '../../common/pagination/cursor';
import { CursorQueryDto, keysetOf } from '../../common/pagination/cursor-query.dto';
import { daysBetween } from '../../common/time/local-date';
import { AppConfig } from '../../config/app-config';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { JobName } from '../../infrastructure/queues/job-registry';
import type { StoredObject } from '../../infrastructure/storage/storage';
import { Storage } from '../../infrastructure/storage/storage';
import { EmailsService } from '../emails/emails.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UsersService } from '../users/users.service';
import { GenerateReportDto } from './dto/generate-report.dto';
import { PdfReportDto } from './dto/report.dto';
import { Report } from './entities/report.entity';
import { ReportDataService } from './report-data.service';
import { lastCompletePeriod, periodContaining, ReportDays } from './report-period';
import { ReportProblems } from './report-problems';
import { renderReport } from './report-renderer';
import { reportFileName, ReportPeriod, ReportStatus, reportTitle } from './report.vocabulary';
import { ReportsRepository } from './reports.repository';

/** A custom range covers at most this many days (a year, leap day included). */
export const MAX_CUSTOM_DAYS = 366;
const SWEEP_BATCH = 200;

/** The job of a report: a schedule's is named by the schedule and its period, so it is sent once. */
export function reportJobId(report: Pick<Report, 'id' | 'scheduleId' | 'fromDate'>): string {
  return report.scheduleId
    ? `report:schedule:${report.scheduleId}:${report.fromDate}`
    : `report:${report.id}`;
}

/**
 * PDF reports: requests, the worker's rendering (progress as it goes), downloads by their owner
 * only, and the email of a scheduled report. docs/reports.md.
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);

  constructor(
    private readonly reports: ReportsRepository,
    private readonly data: ReportDataService,
    private readonly storage: Storage,
    private readonly jobs: JobQueue,
    private readonly users: UsersService,
    private readonly emails: EmailsService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  async generate(userId: string, dto: GenerateReportDto): Promise<PdfReportDto> {
    const { timeZone } = await this.users.preferencesOf(userId);
    const days = daysOf(dto, timeZone);
    const report = await this.reports.insertPending({
      userId,
      kind: dto.kind,
      period: dto.period,
      timeZone,
      ...days,
    });
    await this.enqueue(report).catch((error: unknown) =>
      // The row is the truth: the tick's sweep enqueues it once Redis answers again.
      this.logger.warn({ err: error, reportId: report.id }, 'report job not enqueued; swept later'),
    );
    return PdfReportDto.from(report);
  }

  async get(userId: string, id: string): Promise<PdfReportDto> {
    return PdfReportDto.from(await this.owned(userId, id));
  }

  async list(userId: string, query: CursorQueryDto): Promise<CursorPage<PdfReportDto>> {
    const rows = await this.reports.findPage(userId, keysetOf(query), query.limit);
    return toCursorPage(
      rows,
      query.limit,
      (r) => ({ at: r.createdAt, id: r.id }),
      (r) => PdfReportDto.from(r),
    );
  }

  /** The owner's PDF; another user's report is a 404, an unfinished one a 409. */
  async open(userId: string, id: string): Promise<{ report: Report; file: StoredObject }> {
    const report = await this.owned(userId, id);
    if (report.status !== ReportStatus.Completed || !report.storageKey) {
      throw ReportProblems.notReady.exception(
        `This report is ${report.status}${report.status === ReportStatus.Processing ? ` (${report.progress} %)` : ''}; download it once its status is completed.`,
      );
    }
    const file = await this.storage.get(report.storageKey);
    if (!file) throw new NotFoundException('The file of this report is gone.');
    return { report, file };
  }

  /**
   * Worker side. Idempotent: a finished report is not rendered again (only its email is sent if
   * it is still owed). Throws to let Bull retry; the last attempt marks the report failed.
   */
  async process(
    reportId: string,
    attempt: { number: number; of: number },
  ): Promise<ReportStatus | 'skipped'> {
    const existing = await this.reports.findById(reportId);
    if (!existing) return 'skipped';
    if (existing.status === ReportStatus.Completed) {
      await this.emailIfOwed(existing);
      return 'skipped';
    }
    const report = await this.reports.claim(reportId);
    if (!report) return 'skipped';
    try {
      const step = (from: number, to: number) => (fraction: number) =>
        this.reports.setProgress(report.id, from + (to - from) * fraction);
      const content = await this.data.gather(report, step(5, 60));
      const rendered = await renderReport(content, step(60, 90));
      const storageKey = `reports/${report.userId}/${report.id}.pdf`;
      const stored = await this.storage.put(storageKey, rendered.pdf, {
        contentType: 'application/pdf',
      });
      const completed = await this.reports.complete(report, {
        storageKey,
        sizeBytes: stored.size,
        pageCount: rendered.pageCount,
        chartCount: rendered.chartCount,
      });
      if (completed) {
        this.logger.log(
          { reportId: report.id, bytes: stored.size, pages: rendered.pageCount },
          'report completed',
        );
        await this.emailIfOwed(completed, rendered.pdf);
      }
      return ReportStatus.Completed;
    } catch (error) {
      if (attempt.number >= attempt.of) {
        await this.reports.fail(report.id, (error as Error).message || 'unknown error');
      }
      throw error;
    }
  }

  /** Worker side, from the tick: enqueues reports whose job never reached Redis or was lost. */
  async sweep(now = new Date()): Promise<number> {
    const stuck = await this.reports.findStuck(
      new Date(now.getTime() - this.config.reports.sweepAfterSeconds * 1000),
      SWEEP_BATCH,
    );
    for (const report of stuck) await this.enqueue(report);
    return stuck.length;
  }

  enqueue(report: Pick<Report, 'id' | 'scheduleId' | 'fromDate'>): Promise<void> {
    return this.jobs.enqueue(
      JobName.GenerateReport,
      { reportId: report.id },
      { jobId: reportJobId(report) },
    );
  }

  /**
   * A scheduled report's email, once: attached when small enough, else a link; not at all when
   * the user turned report emails off (notification preferences, type report.ready). The
   * delivery's dedupe key names the report, so a retried job does not send it twice.
   */
  private async emailIfOwed(report: Report, pdf?: Buffer): Promise<void> {
    if (!report.emailWanted || report.emailedAt) return;
    const user = await this.users.findById(report.userId);
    if (user && (await this.notifications.wantsReportEmails(report.userId))) {
      const limit = this.config.reports.emailAttachmentMaxBytes;
      const attach = (report.sizeBytes ?? Infinity) <= limit;
      const content = attach ? (pdf ?? (await this.read(report))) : null;
      await this.emails.deliver({
        dedupeKey: `report:${report.id}`,
        user,
        message: {
          kind: 'report',
          displayName: user.displayName,
          title: reportTitle(report),
          fromDate: report.fromDate,
          toDate: report.toDate,
          attached: content !== null,
          downloadUrl: `${this.config.http.publicUrl}${PdfReportDto.from(report).downloadUrl}`,
          manageUrl: `${this.config.frontendUrl}/reports/scheduled`,
        },
        ...(content
          ? {
              attachments: [
                {
                  filename: reportFileName(report),
                  content,
                  contentType: 'application/pdf',
                },
              ],
            }
          : {}),
      });
    }
    await this.reports.markEmailed(report.id);
  }

  private async read(report: Report): Promise<Buffer | null> {
    return report.storageKey ? this.storage.read(report.storageKey) : null;
  }

  private async owned(userId: string, id: string): Promise<Report> {
    const report = await this.reports.findOwned(userId, id);
    if (!report) throw new NotFoundException('No such report.');
    return report;
  }
}

/** The days of a request: a calendar period around `from` (or the last complete one), or a range. */
function daysOf(dto: GenerateReportDto, timeZone: string): ReportDays {
  if (dto.period === ReportPeriod.Custom) {
    const missing = (['from', 'to'] as const)
      .filter((field) => !dto[field])
      .map((field) => ({ field, messages: [`${field} is required for a custom report`] }));
    assertValid(missing);
    const span = daysBetween(dto.from!, dto.to!);
    assertValid(
      span < 0
        ? [{ field: 'to', messages: ['to must be on or after from'] }]
        : span >= MAX_CUSTOM_DAYS
          ? [{ field: 'to', messages: [`a custom report covers at most ${MAX_CUSTOM_DAYS} days`] }]
          : [],
    );
    return { fromDate: dto.from!, toDate: dto.to! };
  }
  assertValid(dto.to ? [{ field: 'to', messages: ['to is only for a custom report'] }] : []);
  return dto.from
    ? periodContaining(dto.period, dto.from)
    : lastCompletePeriod(dto.period, timeZone);
}
