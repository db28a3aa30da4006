import { Injectable, NotFoundException } from '@nestjs/common';
import { ValidationProblem } from '../../common/errors/domain-errors';
import { CursorPage, toCursorPage } from '../../common/pagination/cursor';
import { keysetOf } from '../../common/pagination/cursor-query.dto';
import { domainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { publishDomainEvents } from '../../infrastructure/events/publish-domain-events';
import { ReportedContent } from '../feed/feed.vocabulary';
import { FeedService } from '../feed/feed.service';
import { UserSummaryDto } from '../social/dto/user-summary.dto';
import { UsersService } from '../users/users.service';
import { ModerationLogQueryDto, ReportsQueryDto } from './dto/moderation-queries.dto';
import { ReportContentDto } from './dto/report-content.dto';
import { ModerationLogEntryDto, ReportDto, ReportReceiptDto } from './dto/report.dto';
import { ResolveReportDto } from './dto/resolve-report.dto';
import { ModerationProblems } from './moderation-problems';
import { AuditEntry, LogRow, ModerationRepository, ReportRow } from './moderation.repository';
import { ModerationAction, ReportTarget } from './moderation.vocabulary';

const DAY_MS = 86_400_000;

const reportNotFound = () => new NotFoundException('No such report.');

function toReport(row: ReportRow): ReportDto {
  return {
    id: row.id,
    targetType: row.targetType,
    targetId: row.targetId,
    targetOwner:
      row.targetOwnerId && row.ownerName !== null
        ? UserSummaryDto.of(row.targetOwnerId, row.ownerName, row.ownerAvatarDigest)
        : null,
    reporter:
      row.reporterId && row.reporterName !== null
        ? UserSummaryDto.of(row.reporterId, row.reporterName, row.reporterAvatarDigest)
        : null,
    reason: row.reason,
    details: row.details,
    snapshot: row.snapshot,
    openReportsOfTarget: row.openReportsOfTarget,
    status: row.status,
    resolution: row.resolution,
    resolutionNote: row.resolutionNote,
    resolvedById: row.resolvedById,
    resolvedAt: row.resolvedAt,
    createdAt: row.createdAt,
  };
}

const toLogEntry = (row: LogRow): ModerationLogEntryDto => ({ ...row });

/**
 * Reports and moderation (docs/moderation.md): anyone with a verified email reports what they
 * can see, with a snapshot of it; moderators resolve reports with one action, which is applied
 * through the owning module's service and appended to the moderation log in the transaction
 * that closes the reports, with a `content.moderated` event for the owner's notification.
 */
@Injectable()
export class ModerationService {
  constructor(
    private readonly moderation: ModerationRepository,
    private readonly feed: FeedService,
    private readonly users: UsersService,
  ) {}

  async report(reporterId: string, dto: ReportContentDto): Promise<ReportReceiptDto> {
    if (dto.targetType === ReportTarget.User && dto.targetId === reporterId) {
      throw new ValidationProblem([
        { field: 'targetId', messages: ['you cannot report yourself'] },
      ]);
    }
    const content = await this.reportedContent(reporterId, dto.targetType, dto.targetId);
    if (!content) throw new NotFoundException(`No such ${dto.targetType}.`);
    const receipt = await this.moderation.insertReport({
      reporterId,
      targetType: dto.targetType,
      targetId: dto.targetId,
      targetOwnerId: content.ownerId,
      reason: dto.reason,
      details: dto.details ?? null,
      snapshot: content.snapshot,
    });
    if (receipt) return receipt;
    const open = await this.moderation.findOpenReportOf(reporterId, dto.targetType, dto.targetId);
    throw ModerationProblems.alreadyReported.exception(
      'You reported this already; a moderator will look at it.',
      { reportId: open ?? '' },
    );
  }

  async reports(query: ReportsQueryDto): Promise<CursorPage<ReportDto>> {
    const rows = await this.moderation.reportsPage(
      { status: query.status, targetType: query.targetType },
      keysetOf(query),
      query.limit,
    );
    return toCursorPage(
      rows,
      query.limit,
      (row) => ({ at: new Date(row.createdAt), id: row.id }),
      toReport,
    );
  }

  /**
   * Applies the action, then closes the report (and every other open report of the target)
   * and logs it in one transaction. The action comes first and is idempotent (deleting what
   * is gone, a restriction kept at the later end), so a failure in between leaves an open
   * report that can be resolved again, never a logged action that did not happen.
   */
  async resolve(moderatorId: string, id: string, dto: ResolveReportDto): Promise<ReportDto> {
    if (dto.action !== ModerationAction.Suspend && dto.days !== undefined) {
      throw new ValidationProblem([{ field: 'days', messages: ['days only goes with suspend'] }]);
    }
    const report = await this.moderation.findReport(id);
    if (!report) throw reportNotFound();
    if (report.status !== 'open') {
      throw ModerationProblems.reportResolved.exception('This report was resolved already.');
    }
    const restrictedUntil = await this.apply(report, dto);
    const resolved = await this.moderation.transaction(async (manager) => {
      const outcome = await this.moderation.resolve(manager, id, {
        moderatorId,
        action: dto.action,
        note: dto.note ?? null,
        restrictedUntil,
      });
      if (outcome && report.targetOwnerId && dto.action !== ModerationAction.Dismiss) {
        await publishDomainEvents(
          manager,
          domainEvent('content.moderated', {
            userId: report.targetOwnerId,
            action: dto.action,
            targetType: report.targetType,
            targetId: report.targetId,
            logId: outcome.logId,
          }),
        );
      }
      return outcome;
    });
    if (!resolved) {
      throw ModerationProblems.reportResolved.exception('This report was resolved already.');
    }
    return toReport((await this.moderation.findReport(id))!);
  }

  async log(query: ModerationLogQueryDto): Promise<CursorPage<ModerationLogEntryDto>> {
    const { userId, actorId, targetId, action, targetType, from, to } = query;
    const rows = await this.moderation.logPage(
      { userId, actorId, targetId, action, targetType, from, to },
      keysetOf(query),
      query.limit,
    );
    return toCursorPage(
      rows,
      query.limit,
      (row) => ({ at: new Date(row.createdAt), id: row.id }),
      toLogEntry,
    );
  }

  /** The action's effect; the suspension's end for a suspension. */
  private async apply(report: ReportRow, dto: ResolveReportDto): Promise<Date | null> {
    switch (dto.action) {
      case ModerationAction.Dismiss:
      case ModerationAction.Warn:
        return null;
      case ModerationAction.RemoveContent:
        if (report.targetType === ReportTarget.User) {
          throw ModerationProblems.actionNotApplicable.exception(
            'A profile has no content to remove: warn or suspend its owner.',
          );
        }
        await this.feed.removeByModeration(report.targetType, report.targetId);
        return null;
      case ModerationAction.Suspend: {
        if (!report.targetOwnerId) {
          throw ModerationProblems.actionNotApplicable.exception(
            'The account behind this content no longer exists.',
          );
        }
        const until = new Date(Date.now() + dto.days! * DAY_MS);
        await this.users.restrictCommunity(report.targetOwnerId, until);
        return until;
      }
    }
  }

  /** What is reported, as the reporter sees it now: a profile, or feed content. */
  private async reportedContent(
    reporterId: string,
    targetType: ReportTarget,
    targetId: string,
  ): Promise<ReportedContent | null> {
    if (targetType !== ReportTarget.User) {
      return this.feed.reportedContent(reporterId, targetType, targetId);
    }
    const account = await this.users.findById(targetId);
    if (!account) return null;
    return {
      ownerId: account.id,
      snapshot: {
        displayName: account.displayName,
        bio: account.bio,
        avatarDigest: account.avatarDigest,
      },
    };
  }

  /** Appends an admin action to the audit log (the moderation log, generalised). */
  recordAdminAction(entry: AuditEntry): Promise<void> {
    return this.moderation.appendAudit(entry);
  }
}
