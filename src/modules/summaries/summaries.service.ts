import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { CursorPage, toCursorPage } from '../../common/pagination/cursor';
import { keysetOf } from '../../common/pagination/cursor-query.dto';
import { JobQueue } from '../../infrastructure/queues/job-queue.service';
import { JobName } from '../../infrastructure/queues/job-registry';
import { AiQuotaService } from '../ai/ai-quota.service';
import { AiService } from '../ai/ai.service';
import { ListSummariesQueryDto } from './dto/list-summaries-query.dto';
import { RequestSummaryDto } from './dto/request-summary.dto';
import { SummaryDto } from './dto/summary.dto';
import { Summary, SummaryStatus } from './entities/summary.entity';
import { SummariesRepository } from './summaries.repository';
import { SummaryCache } from './summary-cache';
import { periodContaining, periodsContaining, PeriodWindow } from './summary-period';

export interface SummaryAnswer {
  summary: SummaryDto;
  /** True when a computation is under way (202); false for a finished summary (200). */
  accepted: boolean;
}

const SWEEP_BATCH = 200;
/** A processing row this old has lost its job (Bull retries live ones itself). */
const STUCK_PROCESSING_FACTOR = 10;

@Injectable()
export class SummariesService {
  private readonly logger = new Logger(SummariesService.name);

  constructor(
    private readonly summaries: SummariesRepository,
    private readonly cache: SummaryCache,
    private readonly quota: AiQuotaService,
    private readonly jobs: JobQueue,
    private readonly ai: AiService,
    private readonly config: AppConfig,
  ) {}

  /**
   * The same user and period with unchanged entries is answered from Redis; a computation
   * already under way is returned as is; otherwise (new, stale or failed) one is started.
   */
  async request(userId: string, dto: RequestSummaryDto): Promise<SummaryAnswer> {
    const window = periodContaining(dto.period, dto.from ?? new Date());
    const cached = await this.cache.get(userId, window);
    if (cached) return { summary: cached, accepted: false };

    const existing = await this.summaries.findForPeriod(userId, window);
    if (existing && this.isFresh(existing)) {
      const summary = SummaryDto.from(existing);
      await this.cache.set(userId, window, summary);
      return { summary, accepted: false };
    }
    if (existing && this.isUnderWay(existing))
      return { summary: SummaryDto.from(existing), accepted: true };

    await this.quota.consume(userId, 'summary');
    const started = existing
      ? (await this.summaries.resetForRecompute(existing.id)) &&
        (await this.summaries.findById(existing.id))
      : await this.summaries.insertPending(userId, window);
    if (!started) {
      // A concurrent request started it first: answer with theirs.
      await this.quota.refund(userId, 'summary');
      const current = await this.summaries.findForPeriod(userId, window);
      if (!current) throw new NotFoundException('The summary disappeared; request it again.');
      return { summary: SummaryDto.from(current), accepted: this.isUnderWay(current) };
    }
    await this.enqueue(started).catch((error: unknown) =>
      // The row is the truth: the sweeper enqueues it once Redis answers again.
      this.logger.warn(
        { err: error, summaryId: started.id },
        'summary job not enqueued; the sweeper will retry',
      ),
    );
    return { summary: SummaryDto.from(started), accepted: true };
  }

  async get(userId: string, id: string): Promise<SummaryDto> {
    const summary = await this.summaries.findOwned(userId, id);
    if (!summary) throw new NotFoundException('No such summary.');
    return SummaryDto.from(summary);
  }

  async list(userId: string, query: ListSummariesQueryDto): Promise<CursorPage<SummaryDto>> {
    const rows = await this.summaries.findPage(userId, {
      status: query.status,
      before: keysetOf(query),
      limit: query.limit,
    });
    return toCursorPage(
      rows,
      query.limit,
      (s) => ({ at: s.createdAt, id: s.id }),
      (s) => SummaryDto.from(s),
    );
  }

  /**
   * Worker side, when entries changed: the day, week and month around each instant must be
   * recomputed. Idempotent (marking stale twice is marking stale).
   */
  async invalidate(userId: string, occurredAt: Date[]): Promise<void> {
    const windows = uniqueWindows(occurredAt.flatMap(periodsContaining));
    await this.summaries.markStale(userId, windows);
    // Throws when Redis is unavailable, so the delivery is retried: the cached copy would
    // otherwise be served as fresh until it expires.
    await this.cache.invalidate(userId, windows);
  }

  /**
   * Worker side. Idempotent: a summary that is no longer pending or processing is skipped.
   * Throws to let Bull retry; on the last attempt the row is marked failed with the reason.
   */
  async process(
    summaryId: string,
    attempt: { number: number; of: number },
  ): Promise<SummaryStatus | 'skipped'> {
    const last = attempt.number >= attempt.of;
    // The claim and the period's reading are one statement: when it fails, the claim is undone
    // too, so the last attempt marks the still pending row failed here.
    const claimed = await this.summaries.claimAndRead(summaryId).catch(async (error: Error) => {
      if (last) await this.summaries.fail(summaryId, error.message || 'unknown error');
      throw error;
    });
    if (!claimed) return 'skipped';
    const { summary, reading } = claimed;
    const { statistics, notes } = reading;
    const window: PeriodWindow = {
      period: summary.period,
      start: summary.periodStart,
      end: summary.periodEnd,
    };
    try {
      const narrative = await this.ai.writeSummaryNarrative({
        userId: summary.userId,
        stats: statistics,
        notes,
        // A narrative from the AI cache gives the request's quota unit back (first attempt).
        quotaTakenAt: attempt.number === 1 ? summary.requestedAt : undefined,
      });
      const completed = await this.summaries.complete(summary, { statistics, ...narrative });
      if (completed && !completed.stale)
        await this.cache.set(completed.userId, window, SummaryDto.from(completed));
      return SummaryStatus.Completed;
    } catch (error) {
      if (last) await this.summaries.fail(summary.id, (error as Error).message || 'unknown error');
      throw error;
    }
  }

  /** Worker side, periodic: re-enqueues requests whose job never reached Redis or was lost. */
  async sweep(now = new Date()): Promise<number> {
    const after = this.config.summaries.sweepAfterSeconds * 1000;
    const stuck = [
      ...(await this.summaries.findStuck(
        SummaryStatus.Pending,
        new Date(now.getTime() - after),
        SWEEP_BATCH,
      )),
      ...(await this.summaries.findStuck(
        SummaryStatus.Processing,
        new Date(now.getTime() - after * STUCK_PROCESSING_FACTOR),
        SWEEP_BATCH,
      )),
    ];
    for (const summary of stuck) await this.enqueue(summary);
    if (stuck.length)
      this.logger.log({ count: stuck.length }, 'summaries re-enqueued by the sweeper');
    return stuck.length;
  }

  /** One job per request: the id names the request, so the sweeper cannot duplicate it. */
  private enqueue(summary: Summary): Promise<void> {
    return this.jobs.enqueue(
      JobName.GenerateSummary,
      { summaryId: summary.id },
      { jobId: `summary:${summary.id}:${summary.requestedAt.getTime()}` },
    );
  }

  private isFresh(summary: Summary): boolean {
    return summary.status === SummaryStatus.Completed && !summary.stale;
  }

  private isUnderWay(summary: Summary): boolean {
    return summary.status === SummaryStatus.Pending || summary.status === SummaryStatus.Processing;
  }
}

function uniqueWindows(windows: PeriodWindow[]): PeriodWindow[] {
  const seen = new Map<string, PeriodWindow>();
  for (const w of windows) seen.set(`${w.period}:${w.start.toISOString()}`, w);
  return [...seen.values()];
}
