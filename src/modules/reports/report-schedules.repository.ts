import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { KeysetPosition } from '../../common/pagination/cursor';
import { newestFirstPage } from '../../common/pagination/keyset';
import { Report } from './entities/report.entity';
import { ReportSchedule } from './entities/report-schedule.entity';
import { nextRunAfter, periodEndedBefore, reportPeriodOf } from './report-period';
import { ReportStatus } from './report.vocabulary';

/** A schedule's run claimed by the tick: the report row it made (or had made) for the period. */
export interface ClaimedRun {
  scheduleId: string;
  reportId: string;
  fromDate: string;
}

@Injectable()
export class ReportSchedulesRepository {
  constructor(
    @InjectRepository(ReportSchedule) private readonly schedules: Repository<ReportSchedule>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Null when the user already has this kind at this frequency (UQ_report_schedules_user_kind_frequency). */
  async insert(
    schedule: Pick<
      ReportSchedule,
      'userId' | 'kind' | 'frequency' | 'timeZone' | 'hour' | 'nextRunAt'
    >,
  ): Promise<ReportSchedule | null> {
    const result = await this.schedules
      .createQueryBuilder()
      .insert()
      .values(schedule)
      .orIgnore()
      .execute();
    const id = (result.identifiers[0] as { id?: string } | undefined)?.id;
    return id ? this.schedules.findOneByOrFail({ id }) : null;
  }

  findOwned(userId: string, id: string): Promise<ReportSchedule | null> {
    return this.schedules.findOneBy({ id, userId });
  }

  /** Newest first, keyset on (created_at, id): IDX_report_schedules_user_created. */
  findPage(
    userId: string,
    before: KeysetPosition | undefined,
    limit: number,
  ): Promise<ReportSchedule[]> {
    const query = this.schedules
      .createQueryBuilder('schedule')
      .where('schedule.userId = :userId', { userId });
    return newestFirstPage(query, 'createdAt', before, limit).getMany();
  }

  /** True when it was there. Its reports stay (their schedule_id becomes null). */
  async delete(userId: string, id: string): Promise<boolean> {
    const result = await this.schedules.delete({ id, userId });
    return (result.affected ?? 0) > 0;
  }

  /**
   * The tick's claim, in one transaction: due schedules are locked with FOR UPDATE SKIP LOCKED
   * (a second worker's tick skips them), each gets its period's report row (at most one per
   * schedule and period: UQ_reports_schedule_period, ON CONFLICT DO NOTHING) and its next run
   * moves forward. A crash before the commit leaves them due; the next claim finds the same rows.
   */
  claimDue(now: Date, limit: number): Promise<ClaimedRun[]> {
    return this.dataSource.transaction(async (manager) => {
      const due = await manager
        .createQueryBuilder(ReportSchedule, 'schedule')
        .where('schedule.nextRunAt <= :now', { now })
        .orderBy('schedule.nextRunAt', 'ASC')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      const runs: ClaimedRun[] = [];
      for (const schedule of due) {
        const days = periodEndedBefore(schedule.frequency, schedule.timeZone, schedule.nextRunAt);
        await manager
          .createQueryBuilder()
          .insert()
          .into(Report)
          .values({
            userId: schedule.userId,
            kind: schedule.kind,
            period: reportPeriodOf(schedule.frequency),
            ...days,
            timeZone: schedule.timeZone,
            status: ReportStatus.Pending,
            scheduleId: schedule.id,
            emailWanted: true,
            requestedAt: now,
          })
          .orIgnore()
          .execute();
        const report = await manager.findOneByOrFail(Report, {
          scheduleId: schedule.id,
          fromDate: days.fromDate,
        });
        await manager.update(
          ReportSchedule,
          { id: schedule.id },
          {
            lastRunAt: schedule.nextRunAt,
            nextRunAt: nextRunAfter(schedule.frequency, schedule.hour, schedule.timeZone, now),
          },
        );
        runs.push({ scheduleId: schedule.id, reportId: report.id, fromDate: days.fromDate });
      }
      return runs;
    });
  }
}
