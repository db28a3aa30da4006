import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetPosition } from '../../common/pagination/cursor';
import { KEYSET_NOW_SQL as NOW_MS } from '../../common/pagination/keyset';
import { isoInstantSql } from '../../common/time/iso-instant-sql';
import {
  ModerationAction,
  ReportReason,
  ReportStatus,
  ReportTarget,
  AuditAction,
  AuditTarget,
} from './moderation.vocabulary';

export interface NewReport {
  reporterId: string;
  targetType: ReportTarget;
  targetId: string;
  targetOwnerId: string;
  reason: ReportReason;
  details: string | null;
  snapshot: Record<string, unknown>;
}

export interface ReceiptRow {
  id: string;
  status: ReportStatus;
  createdAt: string;
}

export interface ReportRow {
  id: string;
  targetType: ReportTarget;
  targetId: string;
  targetOwnerId: string | null;
  ownerName: string | null;
  ownerAvatarDigest: string | null;
  reporterId: string | null;
  reporterName: string | null;
  reporterAvatarDigest: string | null;
  reason: ReportReason;
  details: string | null;
  snapshot: Record<string, unknown>;
  openReportsOfTarget: number;
  status: ReportStatus;
  resolution: ModerationAction | null;
  resolutionNote: string | null;
  resolvedById: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

export interface LogRow {
  id: string;
  moderatorId: string;
  action: AuditAction;
  targetType: AuditTarget;
  targetId: string | null;
  targetOwnerId: string | null;
  reportId: string | null;
  note: string | null;
  restrictedUntil: string | null;
  createdAt: string;
}

export interface Resolution {
  moderatorId: string;
  action: ModerationAction;
  note: string | null;
  restrictedUntil: Date | null;
}

const REPORT_COLUMNS = `
  r.id, r.target_type AS "targetType", r.target_id AS "targetId",
  r.target_owner_id AS "targetOwnerId", o.display_name AS "ownerName",
  o.avatar_digest AS "ownerAvatarDigest",
  r.reporter_id AS "reporterId", p.display_name AS "reporterName",
  p.avatar_digest AS "reporterAvatarDigest",
  r.reason, r.details, r.snapshot,
  CASE WHEN r.status = 'open' THEN
    (SELECT count(*)::int FROM content_reports s
      WHERE s.status = 'open' AND s.target_type = r.target_type AND s.target_id = r.target_id)
  ELSE 0 END AS "openReportsOfTarget",
  r.status, r.resolution, r.resolution_note AS "resolutionNote",
  r.resolved_by_id AS "resolvedById", ${isoInstantSql('r.resolved_at')} AS "resolvedAt",
  ${isoInstantSql('r.created_at')} AS "createdAt"`;

const LOG_COLUMNS = `
  id, moderator_id AS "moderatorId", action, target_type AS "targetType", target_id AS "targetId",
  target_owner_id AS "targetOwnerId", report_id AS "reportId", note,
  ${isoInstantSql('restricted_until')} AS "restrictedUntil", ${isoInstantSql('created_at')} AS "createdAt"`;

/** Appends `(created_at, id) < (cursor)` to `where` when a page follows a cursor. */
function after(
  where: string[],
  parameters: unknown[],
  before: KeysetPosition | undefined,
  alias: string,
): void {
  if (!before) return;
  parameters.push(before.at, before.id);
  where.push(
    `(${alias}created_at, ${alias}id) < ($${parameters.length - 1}, $${parameters.length})`,
  );
}

/** The queries over content_reports and moderation_log (docs/moderation.md). */
@Injectable()
export class ModerationRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The new open report, or null when the reporter has one open on the target already. */
  async insertReport(report: NewReport): Promise<ReceiptRow | null> {
    const [row]: ReceiptRow[] = await this.db.query(
      `INSERT INTO content_reports
         (reporter_id, target_type, target_id, target_owner_id, reason, details, snapshot,
          created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, ${NOW_MS}, ${NOW_MS})
       ON CONFLICT (reporter_id, target_type, target_id) WHERE status = 'open' DO NOTHING
       RETURNING id, status, ${isoInstantSql('created_at')} AS "createdAt"`,
      [
        report.reporterId,
        report.targetType,
        report.targetId,
        report.targetOwnerId,
        report.reason,
        report.details,
        report.snapshot,
      ],
    );
    return row ?? null;
  }

  /** The reporter's open report of the target (UQ_content_reports_open_per_reporter). */
  async findOpenReportOf(
    reporterId: string,
    targetType: ReportTarget,
    targetId: string,
  ): Promise<string | null> {
    const [row]: { id: string }[] = await this.db.query(
      `SELECT id FROM content_reports
        WHERE reporter_id = $1 AND target_type = $2 AND target_id = $3 AND status = 'open'`,
      [reporterId, targetType, targetId],
    );
    return row?.id ?? null;
  }

  async findReport(id: string): Promise<ReportRow | null> {
    const [row]: ReportRow[] = await this.db.query(
      `SELECT ${REPORT_COLUMNS}
         FROM content_reports r
         LEFT JOIN users o ON o.id = r.target_owner_id
         LEFT JOIN users p ON p.id = r.reporter_id
        WHERE r.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Newest first (IDX_content_reports_status_created when filtered by status). */
  reportsPage(
    filter: { status?: ReportStatus; targetType?: ReportTarget },
    before: KeysetPosition | undefined,
    limit: number,
  ): Promise<ReportRow[]> {
    const where: string[] = [];
    const parameters: unknown[] = [];
    if (filter.status) {
      parameters.push(filter.status);
      where.push(`r.status = $${parameters.length}`);
    }
    if (filter.targetType) {
      parameters.push(filter.targetType);
      where.push(`r.target_type = $${parameters.length}`);
    }
    after(where, parameters, before, 'r.');
    return this.db.query(
      `SELECT ${REPORT_COLUMNS}
         FROM content_reports r
         LEFT JOIN users o ON o.id = r.target_owner_id
         LEFT JOIN users p ON p.id = r.reporter_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY r.created_at DESC, r.id DESC
        LIMIT ${limit + 1}`,
      parameters,
    );
  }

  /**
   * Resolves the report and every other open report of the same target, and appends the
   * action to the log, in the caller's transaction; null when the report is not open (the
   * row lock makes two moderators' resolutions of one report take turns: the second gets null).
   */
  async resolve(
    manager: EntityManager,
    reportId: string,
    resolution: Resolution,
  ): Promise<{ resolved: number; logId: string } | null> {
    const [row]: { resolved: number; logId: string | null }[] = await manager.query(
      `WITH report AS (
              SELECT id, target_type, target_id, target_owner_id FROM content_reports
               WHERE id = $1 AND status = 'open' FOR UPDATE),
            resolved AS (
              UPDATE content_reports r
                 SET status = 'resolved', resolution = $3, resolution_note = $4,
                     resolved_by_id = $2, resolved_at = ${NOW_MS}, updated_at = ${NOW_MS}
                FROM report
               WHERE r.status = 'open' AND r.target_type = report.target_type
                 AND r.target_id = report.target_id
              RETURNING r.id),
            logged AS (
              INSERT INTO moderation_log
                (moderator_id, action, target_type, target_id, target_owner_id, report_id, note,
                 restricted_until, created_at)
              SELECT $2, $3::text::audit_action, target_type::text::audit_target, target_id,
                     target_owner_id, id, $4, $5, ${NOW_MS}
                FROM report
              RETURNING id)
       SELECT (SELECT count(*)::int FROM resolved) AS resolved,
              (SELECT id FROM logged) AS "logId"`,
      [
        reportId,
        resolution.moderatorId,
        resolution.action,
        resolution.note,
        resolution.restrictedUntil,
      ],
    );
    return row.logId ? { resolved: row.resolved, logId: row.logId } : null;
  }

  /**
   * Newest first, filtered: by the owner (IDX_moderation_log_owner_created), the actor
   * (IDX_moderation_log_actor_created), the target (IDX_moderation_log_target_created), or the
   * whole log (IDX_moderation_log_created); action, target type and the time range narrow it.
   */
  logPage(
    filters: AuditFilters,
    before: KeysetPosition | undefined,
    limit: number,
  ): Promise<LogRow[]> {
    const where: string[] = [];
    const parameters: unknown[] = [];
    const columns: [keyof AuditFilters, string][] = [
      ['userId', 'target_owner_id = $'],
      ['actorId', 'moderator_id = $'],
      ['targetId', 'target_id = $'],
      ['action', 'action = $'],
      ['targetType', 'target_type = $'],
      ['from', 'created_at >= $'],
      ['to', 'created_at < $'],
    ];
    for (const [filter, condition] of columns) {
      if (filters[filter] === undefined) continue;
      parameters.push(filters[filter]);
      where.push(`${condition}${parameters.length}`);
    }
    after(where, parameters, before, '');
    return this.db.query(
      `SELECT ${LOG_COLUMNS} FROM moderation_log
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id DESC
        LIMIT ${limit + 1}`,
      parameters,
    );
  }

  /** Appends one admin action to the audit log (moderation_log). */
  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO moderation_log
         (moderator_id, action, target_type, target_id, target_owner_id, note, restricted_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.actorId,
        entry.action,
        entry.targetType,
        entry.targetId,
        entry.targetOwnerId,
        entry.note,
        entry.restrictedUntil,
      ],
    );
  }
}

/** One admin action for the audit log. */
export interface AuditEntry {
  actorId: string;
  action: AuditAction;
  targetType: AuditTarget;
  targetId: string | null;
  targetOwnerId: string | null;
  note: string | null;
  restrictedUntil: Date | null;
}

/** What the audit log can be narrowed to (ModerationLogQueryDto). */
export interface AuditFilters {
  userId?: string;
  actorId?: string;
  targetId?: string;
  action?: AuditAction;
  targetType?: AuditTarget;
  from?: Date;
  to?: Date;
}
