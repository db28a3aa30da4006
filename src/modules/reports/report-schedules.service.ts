import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { assertValid } from '../../common/errors/domain-errors';
import { CursorPage, toCursorPage } from '../../common/pagination/cursor';
import { CursorQueryDto, keysetOf } from '../../common/pagination/cursor-query.dto';
import { UsersService } from '../users/users.service';
import { ReportScheduleDto } from './dto/report.dto';
import { ScheduleReportDto } from './dto/schedule-report.dto';
import { isKnownTimeZone, nextRunAfter } from './report-period';
import { ReportProblems } from './report-problems';
import { ReportSchedulesRepository } from './report-schedules.repository';
import { ReportsService } from './reports.service';

const DEFAULT_HOUR = 7;
const TICK_BATCH = 100;

/** Scheduled reports: the schedules, and the recurring tick that makes their reports. */
@Injectable()
export class ReportSchedulesService {
  private readonly logger = new Logger(ReportSchedulesService.name);

  constructor(
    private readonly schedules: ReportSchedulesRepository,
    private readonly reports: ReportsService,
    private readonly users: UsersService,
  ) {}

  async create(
    userId: string,
    dto: ScheduleReportDto,
    now = new Date(),
  ): Promise<ReportScheduleDto> {
    const timeZone = dto.timeZone ?? (await this.users.preferencesOf(userId)).timeZone;
    assertValid(
      isKnownTimeZone(timeZone)
        ? []
        : [
            {
              field: 'timeZone',
              messages: ['timeZone must be an IANA time zone, e.g. Europe/Paris'],
            },
          ],
    );
    const hour = dto.hour ?? DEFAULT_HOUR;
    const schedule = await this.schedules.insert({
      userId,
      kind: dto.kind,
      frequency: dto.frequency,
      timeZone,
      hour,
      nextRunAt: nextRunAfter(dto.frequency, hour, timeZone, now),
    });
    if (!schedule) {
      throw ReportProblems.alreadyScheduled.exception(
        `You already receive a ${dto.frequency} ${dto.kind} report; delete that schedule to change it.`,
      );
    }
    return ReportScheduleDto.from(schedule);
  }

  async list(userId: string, query: CursorQueryDto): Promise<CursorPage<ReportScheduleDto>> {
    const rows = await this.schedules.findPage(userId, keysetOf(query), query.limit);
    return toCursorPage(
      rows,
      query.limit,
      (s) => ({ at: s.createdAt, id: s.id }),
      (s) => ReportScheduleDto.from(s),
    );
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.schedules.delete(userId, id))) {
      throw new NotFoundException('No such report schedule.');
    }
  }

  /**
   * The recurring tick (worker): claims due schedules (FOR UPDATE SKIP LOCKED; each gets one
   * report row per period, and its next run), then, after the commit, enqueues one job per
   * schedule and period under a deterministic id. A tick repeated, a worker restarted between
   * the commit and the enqueue (the sweep below finds the pending row), or two workers ticking
   * at once all end in one job, so one email. Also sweeps reports whose job was lost.
   */
  async tick(now = new Date()): Promise<{ claimed: number; swept: number }> {
    const runs = await this.schedules.claimDue(now, TICK_BATCH);
    for (const run of runs) {
      await this.reports.enqueue({
        id: run.reportId,
        scheduleId: run.scheduleId,
        fromDate: run.fromDate,
      });
    }
    const swept = await this.reports.sweep(now);
    if (runs.length || swept) this.logger.log({ claimed: runs.length, swept }, 'report tick');
    return { claimed: runs.length, swept };
  }
}
