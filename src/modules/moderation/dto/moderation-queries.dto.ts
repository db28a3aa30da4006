import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsUUID } from 'class-validator';
import {
  CursorQueryDto,
  TimeRangeCursorQueryDto,
} from '../../../common/pagination/cursor-query.dto';
import { Omittable } from '../../../common/validation/presence';
import { AuditAction, AuditTarget, ReportStatus, ReportTarget } from '../moderation.vocabulary';

export class ReportsQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({
    enum: ReportStatus,
    enumName: 'ReportStatus',
    example: ReportStatus.Open,
    description: 'Only reports in this state; all by default',
  })
  @Omittable()
  @IsEnum(ReportStatus)
  status?: ReportStatus;

  @ApiPropertyOptional({ enum: ReportTarget, enumName: 'ReportTarget' })
  @Omittable()
  @IsEnum(ReportTarget)
  targetType?: ReportTarget;
}

/** The audit log's filters (docs/admin.md, "The audit log"); all combine. */
export class ModerationLogQueryDto extends TimeRangeCursorQueryDto({ items: 'Actions' }) {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Only actions about this user's profile or content",
  })
  @Omittable()
  @IsUUID('all')
  userId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only actions taken by this moderator or admin',
  })
  @Omittable()
  @IsUUID('all')
  actorId?: string;

  @ApiPropertyOptional({
    enum: AuditAction,
    enumName: 'AuditAction',
    example: AuditAction.RedriveJob,
  })
  @Omittable()
  @IsEnum(AuditAction)
  action?: AuditAction;

  @ApiPropertyOptional({ enum: AuditTarget, enumName: 'AuditTarget', example: AuditTarget.Queue })
  @Omittable()
  @IsEnum(AuditTarget)
  targetType?: AuditTarget;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only actions about this profile, activity or comment (its id)',
  })
  @Omittable()
  @IsUUID('all')
  targetId?: string;
}
