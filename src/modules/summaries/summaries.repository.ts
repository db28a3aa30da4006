import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, Repository } from 'typeorm';
import { MicroBatcher } from '../../common/async/micro-batcher';
import { returningColumns, rowAsEntity } from '../../common/database/update-returning';
import { RequestContext } from '../../common/http/request-context';
import { KeysetPosition } from '../../common/pagination/cursor';
import { newestFirstPage } from '../../common/pagination/keyset';
import { domainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { writeWithEventsPerRow } from '../../infrastructure/events/publish-domain-events';
import { Summary, SummaryStatus } from './entities/summary.entity';
import { PeriodWindow } from './summary-period';
import { SummaryResult } from './summary-result';
import { PeriodReading, PeriodRow, periodReadingSql, readingOf } from './period-reading';

/** A claimed summary and its period's reading (claimAndRead). */
export interface ClaimedSummary {
  summary: Summary;
  reading: PeriodReading;
}

interface Completion {
  summary: Pick<Summary, 'id' | 'userId'>;
  result: SummaryResult;
  requestId: string | null;
}

/**
 * The most claims or completions per statement: JOB_CONCURRENCY (16 by default) jobs of one
 * process at most are at the same step, and a statement stays a few KB.
 */
const SUMMARY_BATCH = 64;

@Injectable()
export class SummariesRepository {
  private readonly claims = new MicroBatcher<string, ClaimedSummary | null>({
    run: (ids) => this.claimAndReadAll(ids),
    maxBatch: SUMMARY_BATCH,
  });
  private readonly completions = new MicroBatcher<Completion, Summary | null>({
    run: (completions) => this.completeAll(completions),
    maxBatch: SUMMARY_BATCH,
  });

  constructor(@InjectRepository(Summary) private readonly summaries: Repository<Summary>) {}

  /** Uses UQ_summaries_user_period. */
  findForPeriod(userId: string, window: PeriodWindow): Promise<Summary | null> {
    return this.summaries.findOneBy({ userId, period: window.period, periodStart: window.start });
  }

  findOwned(userId: string, id: string): Promise<Summary | null> {
    return this.summaries.findOneBy({ id, userId });
  }

  findById(id: string): Promise<Summary | null> {
    return this.summaries.findOneBy({ id });
  }

  /** Creates the pending row unless a concurrent request just did (then null). */
  async insertPending(userId: string, window: PeriodWindow): Promise<Summary | null> {
    const result = await this.summaries
      .createQueryBuilder()
      .insert()
      .values({
        userId,
        period: window.period,
        periodStart: window.start,
        periodEnd: window.end,
        status: SummaryStatus.Pending,
        requestedAt: () => 'now()',
      })
      .orIgnore()
      .execute();
    const id = (result.identifiers[0] as { id?: string } | undefined)?.id;
    return id ? this.summaries.findOneByOrFail({ id }) : null;
  }

  /** A failed or stale summary goes back to pending for a new computation. */
  async resetForRecompute(id: string): Promise<boolean> {
    const result = await this.summaries
      .createQueryBuilder()
      .update()
      .set({
        status: SummaryStatus.Pending,
        stale: false,
        failureReason: null,
        attempts: 0,
        startedAt: null,
        requestedAt: () => 'now()',
      })
      .where('id = :id', { id })
      .andWhere("(status = 'failed' OR (status = 'completed' AND stale))")
      .execute();
    return result.affected === 1;
  }

  /**
   * Claims a summary for processing and reads its period's statistics (periodReadingSql), in
   * one statement: the reading starts from the row the claim returns, so the job's first step
   * is one round trip, not two. Pending or processing (a retry, or a job re-enqueued by the
   * sweeper) can be claimed; completed or failed ones cannot (then null): running a job twice
   * is harmless. The claims of jobs running at once go as one statement (claimAndReadAll).
   */
  claimAndRead(id: string): Promise<ClaimedSummary | null> {
    return this.claims.load(id);
  }

  /**
   * The summary completed, or null when it is no longer this job's (not processing).
   * `summary.completed` is published in the same statement, only when it completed. The
   * completions of jobs running at once go as one statement (completeAll).
   */
  complete(
    summary: Pick<Summary, 'id' | 'userId'>,
    result: SummaryResult,
  ): Promise<Summary | null> {
    return this.completions.load({
      summary,
      result,
      requestId: RequestContext.requestId() ?? null,
    });
  }

  /**
   * claimAndRead for several summaries, one `UPDATE … WHERE id = ANY … RETURNING`; each
   * claimed row's reading is a subquery correlated to it. In the order of `ids`.
   */
  private async claimAndReadAll(ids: string[]): Promise<(ClaimedSummary | null)[]> {
    const metadata = this.summaries.metadata;
    const [claim, parameters] = this.summaries
      .createQueryBuilder()
      .update()
      .set({
        status: SummaryStatus.Processing,
        stale: false,
        startedAt: () => 'now()',
        attempts: () => 'attempts + 1',
      })
      .where('id = ANY(:ids)', { ids })
      .andWhere('status IN (:...statuses)', {
        statuses: [SummaryStatus.Pending, SummaryStatus.Processing],
      })
      .returning(returningColumns(metadata))
      .getQueryAndParameters();
    const reading = periodReadingSql({
      userId: 'claimed."userId"',
      start: 'claimed."periodStart"',
      end: 'claimed."periodEnd"',
    });
    const rows = (await this.summaries.query(
      `WITH claimed AS (${claim})
       SELECT claimed.*, (SELECT row_to_json(r) FROM (${reading}) r) AS "periodReading"
         FROM claimed`,
      parameters,
    )) as (Record<string, unknown> & { id: string; periodReading: PeriodRow })[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => {
      const row = byId.get(id);
      if (!row) return null;
      const { periodReading, ...columns } = row;
      const summary = rowAsEntity<Summary>(metadata, columns);
      return {
        summary,
        reading: readingOf(periodReading, {
          period: summary.period,
          start: summary.periodStart,
          end: summary.periodEnd,
        }),
      };
    });
  }

  /**
   * complete for several summaries: one UPDATE of the processing ones among them and, in the
   * same statement, a `summary.completed` event for each row it completed (with its job's
   * request id). In the order of `completions`.
   */
  private async completeAll(completions: Completion[]): Promise<(Summary | null)[]> {
    // Two jobs of one summary in a batch: the first completes it; the second, as when it ran
    // after it alone, finds it no longer processing (null, and no second event).
    const firsts = new Map<string, Completion>();
    for (const completion of completions)
      if (!firsts.has(completion.summary.id)) firsts.set(completion.summary.id, completion);
    const metadata = this.summaries.metadata;
    const rows = await writeWithEventsPerRow<Record<string, unknown> & { id: string }>(
      this.summaries.manager,
      {
        sql: `UPDATE summaries
                 SET status = 'completed', result = completion.result, failure_reason = NULL,
                     completed_at = now(), updated_at = now()
                FROM jsonb_to_recordset($1::jsonb) AS completion(summary_id uuid, result jsonb)
               WHERE summaries.id = completion.summary_id AND summaries.status = 'processing'
           RETURNING ${returningColumns(metadata, 'summaries')}`,
        parameters: [
          JSON.stringify(
            [...firsts.values()].map(({ summary, result }) => ({ summary_id: summary.id, result })),
          ),
        ],
      },
      'id',
      [...firsts.values()].map(({ summary, requestId }) => ({
        key: summary.id,
        events: [
          domainEvent('summary.completed', { userId: summary.userId, summaryId: summary.id }),
        ],
        requestId,
      })),
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return completions.map((completion) => {
      const row = byId.get(completion.summary.id);
      return row && firsts.get(completion.summary.id) === completion
        ? rowAsEntity<Summary>(metadata, row)
        : null;
    });
  }

  /** A claimed (processing) summary, or a pending one whose claim failed, becomes failed. */
  async fail(id: string, reason: string): Promise<void> {
    await this.summaries.update(
      { id, status: In([SummaryStatus.Pending, SummaryStatus.Processing]) },
      { status: SummaryStatus.Failed, failureReason: reason.slice(0, 500) },
    );
  }

  /** Marks the summaries of the given periods stale (UQ_summaries_user_period per period). */
  async markStale(userId: string, windows: PeriodWindow[]): Promise<void> {
    if (windows.length === 0) return;
    const params: unknown[] = [userId];
    const tuples = windows.map((w) => {
      params.push(w.period, w.start);
      return `($${params.length - 1}::summary_period, $${params.length}::timestamptz)`;
    });
    await this.summaries.query(
      `UPDATE summaries SET stale = true, updated_at = now()
        WHERE user_id = $1 AND NOT stale AND (period, period_start) IN (${tuples.join(', ')})`,
      params,
    );
  }

  /** Newest first, keyset on (created_at, id): IDX_summaries_user_created / _user_status_created. */
  findPage(
    userId: string,
    filter: { status?: SummaryStatus; before?: KeysetPosition; limit: number },
  ): Promise<Summary[]> {
    const query = this.summaries
      .createQueryBuilder('summary')
      .where('summary.userId = :userId', { userId });
    if (filter.status) query.andWhere('summary.status = :status', { status: filter.status });
    return newestFirstPage(query, 'createdAt', filter.before, filter.limit).getMany();
  }

  /** Requests whose job may have been lost (IDX_summaries_status_requested). */
  findStuck(status: SummaryStatus, requestedBefore: Date, limit: number): Promise<Summary[]> {
    return this.summaries.find({
      where: { status: In([status]), requestedAt: LessThan(requestedBefore) },
      order: { requestedAt: 'ASC' },
      take: limit,
    });
  }
}
