import { ApiProperty } from '@nestjs/swagger';
import { apiPath } from '../../../common/http/api-path';
import { Report } from '../entities/report.entity';
import { ReportSchedule } from '../entities/report-schedule.entity';
import { ReportFrequency, ReportKind, ReportPeriod, ReportStatus } from '../report.vocabulary';

const DAY = { type: 'string', format: 'date' } as const;

export class PdfReportDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ enum: ReportKind, enumName: 'ReportKind', example: ReportKind.Progress })
  kind: ReportKind;
  @ApiProperty({ enum: ReportPeriod, enumName: 'ReportPeriod', example: ReportPeriod.Monthly })
  period: ReportPeriod;
  @ApiProperty({ ...DAY, example: '2026-11-01', description: 'First day, in `timeZone`' })
  from: string;
  @ApiProperty({ ...DAY, example: '2026-11-30', description: 'Last day (inclusive)' })
  to: string;
  @ApiProperty({ example: 'Europe/Paris' }) timeZone: string;
  @ApiProperty({
    enum: ReportStatus,
    enumName: 'PdfReportStatus',
    example: ReportStatus.Processing,
  })
  status: ReportStatus;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100,
    example: 40,
    description: 'How far the worker is (100 once completed)',
  })
  progress: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why it failed, when failed' })
  failureReason: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '/api/v1/reports/9b2f6f0e-3c1a-4d5e-8f7a-1b2c3d4e5f60/download',
    description: 'The PDF, once completed',
  })
  downloadUrl: string | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 48213, description: 'Bytes of the PDF' })
  sizeBytes: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 4 }) pageCount: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 4 }) chartCount: number | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The schedule that made it; null when requested by hand',
  })
  scheduleId: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: string;

  static from(report: Report): PdfReportDto {
    const completed = report.status === ReportStatus.Completed;
    return {
      id: report.id,
      kind: report.kind,
      period: report.period,
      from: report.fromDate,
      to: report.toDate,
      timeZone: report.timeZone,
      status: report.status,
      progress: report.progress,
      failureReason: report.failureReason,
      downloadUrl: completed ? apiPath(`reports/${report.id}/download`) : null,
      sizeBytes: report.sizeBytes,
      pageCount: report.pageCount,
      chartCount: report.chartCount,
      scheduleId: report.scheduleId,
      requestedAt: report.requestedAt.toISOString(),
      completedAt: report.completedAt?.toISOString() ?? null,
      createdAt: report.createdAt.toISOString(),
    };
  }
}

export class ReportScheduleDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ enum: ReportKind, enumName: 'ReportKind', example: ReportKind.Progress })
  kind: ReportKind;
  @ApiProperty({
    enum: ReportFrequency,
    enumName: 'ReportFrequency',
    example: ReportFrequency.Weekly,
  })
  frequency: ReportFrequency;
  @ApiProperty({ example: 'Europe/Paris' }) timeZone: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 23, example: 7 }) hour: number;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    example: '2026-12-07T06:00:00.000Z',
    description: 'When the next report is made and emailed',
  })
  nextRunAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) lastRunAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: string;

  static from(schedule: ReportSchedule): ReportScheduleDto {
    return {
      id: schedule.id,
      kind: schedule.kind,
      frequency: schedule.frequency,
      timeZone: schedule.timeZone,
      hour: schedule.hour,
      nextRunAt: schedule.nextRunAt.toISOString(),
      lastRunAt: schedule.lastRunAt?.toISOString() ?? null,
      createdAt: schedule.createdAt.toISOString(),
    };
  }
}
