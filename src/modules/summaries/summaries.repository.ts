import { domainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, Repository } from 'typeorm';
import { KeysetPosition } from '../../common/pagination/cursor';
import {
  returningColumns,
  rowAsEntity,
  updateReturningEntity,
} from '../../common/database/update-returning';
import { newestFirstPage } from '../../common/pagination/keyset';
import { Summary, SummaryStatus } from './entities/summary.entity';
import { PeriodWindow } from './summary-period';
import { SummaryResult } from './summary-result';
import { PeriodReading, PeriodRow, periodReadingSql, readingOf } from './period-reading';

@Injectable()
export class SummariesRepository {
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
   * is harmless.
   */
  async claimAndRead(id: string): Promise<{ summary: Summary; reading: PeriodReading } | null> {
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
      .where('id = :id', { id })
      .andWhere('status IN (:...statuses)', {
        statuses: [SummaryStatus.Pending, SummaryStatus.Processing],
      })
      .returning(returningColumns(metadata))
      .getQueryAndParameters();
    const reading = periodReadingSql({
      from: 'claimed',
      userId: 'claimed."userId"',
      start: 'claimed."periodStart"',
      end: 'claimed."periodEnd"',
    });
    const [row] = (await this.summaries.query(
      `WITH claimed AS (${claim})
       SELECT claimed.*, (SELECT row_to_json(r) FROM (${reading}) r) AS "periodReading"
         FROM claimed`,
      parameters,
    )) as (Record<string, unknown> & { periodReading: PeriodRow })[];
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
  }

  /**
   * The completed row, or null when the summary is no longer this job's (not processing).
   * `summary.completed` is published in the same statement, only when it completed.
   */
  complete(
    summary: Pick<Summary, 'id' | 'userId'>,
    result: SummaryResult,
  ): Promise<Summary | null> {
    return updateReturningEntity(
      this.summaries,
      (update) =>
        update
          .set({
            status: SummaryStatus.Completed,
            result,
            failureReason: null,
            completedAt: () => 'now()',
          })
          .where('id = :id AND status = :processing', {
            id: summary.id,
            processing: SummaryStatus.Processing,
          }),
      domainEvent('summary.completed', { userId: summary.userId, summaryId: summary.id }),
    );
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
