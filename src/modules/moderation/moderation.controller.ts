import { Body, Controller, Get, HttpCode, HttpStatus, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { AuthenticatedUser, Role } from '../../common/auth/roles';
import { RequireVerifiedEmail } from '../../common/auth/verified-email.guard';
import { UuidParam } from '../../common/http/uuid-param.decorator';
import { ApiCursorPageResponse, CursorPage } from '../../common/pagination/cursor';
import { ApiProblems } from '../../common/swagger/api-problems.decorator';
import { ApiAccepted, ApiOk } from '../../common/swagger/api-responses';
import { ModerationLogQueryDto, ReportsQueryDto } from './dto/moderation-queries.dto';
import { ReportContentDto } from './dto/report-content.dto';
import { ModerationLogEntryDto, ReportDto, ReportReceiptDto } from './dto/report.dto';
import { ResolveReportDto } from './dto/resolve-report.dto';
import { ModerationProblems } from './moderation-problems';
import { ModerationService } from './moderation.service';

/** Reports by users, and the moderators' queue and log (docs/moderation.md). */
@ApiTags('moderation')
@ApiProblems(429)
@Controller('admin/content')
export class ModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Post('report')
  @Authenticated()
  @RequireVerifiedEmail()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Report a profile, an activity or a comment to the moderators',
    description:
      'Anyone with a verified email may report what they can see (a suspended account too). The content is kept as it is now, so the evidence survives edits and deletion. Answered 202: a moderator reviews it later. Something you cannot see, or an unknown id, is a 404; one open report per target and reporter (409 `already-reported`).',
  })
  @ApiAccepted(ReportReceiptDto, {
    description: 'Received: it waits in the moderators’ queue (a person reviews it)',
  })
  @ApiProblems(400, 404, ModerationProblems.alreadyReported)
  report(
    @CurrentUser() caller: AuthenticatedUser,
    @Body() dto: ReportContentDto,
  ): Promise<ReportReceiptDto> {
    return this.moderation.report(caller.id, dto);
  }

  @Get('reports')
  @Roles(Role.Moderator, Role.Admin)
  @ApiOperation({
    summary: 'Reports, newest first (moderators and admins)',
    description: 'Filter by `status` (open, resolved) and `targetType`.',
  })
  @ApiCursorPageResponse(ReportDto)
  @ApiProblems(400)
  reports(@Query() query: ReportsQueryDto): Promise<CursorPage<ReportDto>> {
    return this.moderation.reports(query);
  }

  @Put('reports/:id/resolve')
  @Roles(Role.Moderator, Role.Admin)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Resolve a report with one action (moderators and admins)',
    description:
      'dismiss; remove_content (the activity or comment is deleted); warn (the owner is told); suspend (`days`: the owner may not post, share, like, comment or send friend requests, and can still sign in, read and export). Every other open report of the same target is resolved with it; the action is appended to the moderation log.',
  })
  @ApiOk(ReportDto)
  @ApiProblems(400, 404, ModerationProblems.reportResolved, ModerationProblems.actionNotApplicable)
  resolve(
    @CurrentUser() caller: AuthenticatedUser,
    @UuidParam('id') id: string,
    @Body() dto: ResolveReportDto,
  ): Promise<ReportDto> {
    return this.moderation.resolve(caller.id, id, dto);
  }

  @Get('moderation-log')
  @Roles(Role.Moderator, Role.Admin)
  @ApiOperation({
    summary:
      'The audit log: every moderation and admin action, newest first (moderators and admins)',
    description:
      'Append-only (docs/admin.md, "The audit log"). Filters combine: `userId` (actions about one user\'s profile or content), `actorId` (who acted), `action`, `targetType`, `targetId`, and the time range [`from`, `to`). Changes made through the queue dashboard are `queue_board_action` entries whose `note` names the action, the queue and the job.',
  })
  @ApiCursorPageResponse(ModerationLogEntryDto)
  @ApiProblems(400)
  log(@Query() query: ModerationLogQueryDto): Promise<CursorPage<ModerationLogEntryDto>> {
    return this.moderation.log(query);
  }
}
