import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../../common/database/base.entity';
import {
  ModerationAction,
  ReportReason,
  ReportStatus,
  ReportTarget,
} from '../moderation.vocabulary';

/**
 * A user's report of a profile, an activity or a comment. `snapshot` keeps the content as the
 * reporter saw it, so the evidence survives the author's edits and deletions; the target's id
 * is kept without a foreign key for the same reason. Reporter and owner are set to null when
 * their accounts are deleted; the report stays.
 */
@Entity('content_reports')
// The moderators' queue: by status, oldest or newest first.
@Index('IDX_content_reports_status_created', ['status', 'createdAt', 'id'])
// A reporter has one open report per target: reporting again answers that one.
@Index('UQ_content_reports_open_per_reporter', ['reporterId', 'targetType', 'targetId'], {
  unique: true,
  where: `"status" = 'open'`,
})
// A resolution closes every open report of the same target.
@Index('IDX_content_reports_open_target', ['targetType', 'targetId'], {
  where: `"status" = 'open'`,
})
// Back ON DELETE SET NULL from users.
@Index('IDX_content_reports_target_owner', ['targetOwnerId'])
@Index('IDX_content_reports_resolved_by', ['resolvedById'])
export class ContentReport extends BaseEntity {
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('users', { onDelete: 'SET NULL' })
  reporterId: string | null;

  @Column({ type: 'enum', enum: ReportTarget, enumName: 'report_target' })
  targetType: ReportTarget;

  @Column({ type: 'uuid' })
  targetId: string;

  /** Who answers for the content: the profile's account, or the author. */
  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('users', { onDelete: 'SET NULL' })
  targetOwnerId: string | null;

  @Column({ type: 'enum', enum: ReportReason, enumName: 'report_reason' })
  reason: ReportReason;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  details: string | null;

  @Column({ type: 'jsonb' })
  snapshot: Record<string, unknown>;

  @Column({
    type: 'enum',
    enum: ReportStatus,
    enumName: 'report_status',
    default: ReportStatus.Open,
  })
  status: ReportStatus;

  @Column({ type: 'enum', enum: ModerationAction, enumName: 'moderation_action', nullable: true })
  resolution: ModerationAction | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  resolutionNote: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey('users', { onDelete: 'SET NULL' })
  resolvedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
