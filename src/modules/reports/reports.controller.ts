import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators';
import { AuthenticatedUser } from '../../common/auth/roles';
import {
  CreatesResource,
  LOCATION_HEADER,
  SetsLocation,
} from '../../common/http/location.decorator';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiCursorPageResponse, CursorPage } from '../../common/pagination/cursor';
import { CursorQueryDto } from '../../common/pagination/cursor-query.dto';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiAccepted, ApiOk } from '../../common/swagger/api-responses';
import { GenerateReportDto } from './dto/generate-report.dto';
import { PdfReportDto, ReportScheduleDto } from './dto/report.dto';
import { ScheduleReportDto } from './dto/schedule-report.dto';
import { ReportProblems } from './report-problems';
import { ReportSchedulesService } from './report-schedules.service';
import { ReportsService } from './reports.service';
import { reportFileName } from './report.vocabulary';

@ApiTags('reports')
@Authenticated()
@ApiProblems(429)
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly schedules: ReportSchedulesService,
  ) {}

  @Post('generate')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Request a PDF report of a week, month, year or custom range',
    description:
      'Rendered in the background: answers 202 with the pending report and a Location to poll ' +
      '(status and progress %). `progress` reports have charts of volume per week, e1RM of the ' +
      'main lifts, body weight with its trend line, and mood against training, plus tables of ' +
      'personal records and goals; `goals` reports have the goals. Days are in your time zone, ' +
      'weights in your unit.',
  })
  @SetsLocation((report: PdfReportDto) => `reports/${report.id}`)
  @ApiAccepted(PdfReportDto, {
    description: 'Rendering started; poll Location',
    headers: LOCATION_HEADER,
  })
  @ApiProblems(400)
  generate(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: GenerateReportDto,
  ): Promise<PdfReportDto> {
    return this.reports.generate(caller.id, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List your reports, newest first',
    description: 'Requested and scheduled ones, with their status; pages with `cursor`.',
  })
  @ApiCursorPageResponse(PdfReportDto)
  @ApiProblems(400)
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: CursorQueryDto,
  ): Promise<CursorPage<PdfReportDto>> {
    return this.reports.list(caller.id, query);
  }

  @Post('schedule')
  @ApiOperation({
    summary: 'Receive a report by email every week or month',
    description:
      'Each Monday (weekly, for the ISO week just ended) or each 1st (monthly, for the month ' +
      'just ended) at `hour` in `timeZone` (default: your preferences), the worker makes the ' +
      'report and emails it: attached as a PDF, or linked when larger than the attachment ' +
      'limit. No email when report emails are off in your notification preferences ' +
      '(`report.ready`). One schedule per kind and frequency (409 otherwise).',
  })
  @CreatesResource(ReportScheduleDto, (schedule) => `reports/scheduled/${schedule.id}`)
  @ApiProblems(400, ReportProblems.alreadyScheduled)
  schedule(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: ScheduleReportDto,
  ): Promise<ReportScheduleDto> {
    return this.schedules.create(caller.id, dto);
  }

  @Get('scheduled')
  @ApiOperation({
    summary: 'List your report schedules, newest first',
    description: 'Each with when its next report is made (`nextRunAt`); pages with `cursor`.',
  })
  @ApiCursorPageResponse(ReportScheduleDto)
  @ApiProblems(400)
  scheduled(
    @CurrentUser() caller: AuthenticatedUser,
    @Query() query: CursorQueryDto,
  ): Promise<CursorPage<ReportScheduleDto>> {
    return this.schedules.list(caller.id, query);
  }

  @Delete('scheduled/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Stop a report schedule',
    description:
      'Nothing more is made or sent; reports it made stay. Another user’s schedule is a 404.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404)
  async unschedule(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<void> {
    await this.schedules.remove(caller.id, id);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One report: status and progress',
    description:
      'Status moves pending → processing (progress 0–99) → completed (100, with `downloadUrl`), ' +
      'or failed with `failureReason`. Another user’s report is a 404.',
  })
  @ApiOk(PdfReportDto)
  @ApiProblems(400, 404)
  get(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
  ): Promise<PdfReportDto> {
    return this.reports.get(caller.id, id);
  }

  @Get(':id/download')
  @ApiOperation({
    summary: 'Download a completed report (PDF)',
    description:
      'Only its owner can: another user’s report is a 404. A report not completed yet is a 409 ' +
      '`report-not-ready`.',
  })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'The PDF',
    headers: {
      'Content-Disposition': {
        description: 'attachment, with a file name',
        schema: {
          type: 'string',
          example: 'attachment; filename="fitai-progress-report-2026-11-01.pdf"',
        },
      },
    },
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 404, ReportProblems.notReady)
  async download(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { report, file } = await this.reports.open(caller.id, id);
    await reply
      .status(HttpStatus.OK)
      .header('content-length', file.size)
      .header('content-disposition', `attachment; filename="${reportFileName(report)}"`)
      .header('cache-control', 'private, no-store')
      .type('application/pdf')
      .send(file.body);
  }
}
