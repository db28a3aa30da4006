import { ApiProperty } from '@nestjs/swagger';
import { UserSummaryDto } from '../../social/dto/user-summary.dto';
import {
  ModerationAction,
  ReportReason,
  ReportStatus,
  ReportTarget,
  AuditAction,
  AuditTarget,
} from '../moderation.vocabulary';

const UUID_EXAMPLE = '0b9c4f1e-7d1a-4c55-9a0e-9a3c1f1f2b10';
const INSTANT_EXAMPLE = '2026-11-30T18:04:05.120Z';

/** What the reporter gets back. */
export class ReportReceiptDto {
  @ApiProperty({ format: 'uuid', example: UUID_EXAMPLE })
  id: string;

  @ApiProperty({ enum: ReportStatus, enumName: 'ReportStatus', example: ReportStatus.Open })
  status: ReportStatus;

  @ApiProperty({ format: 'date-time', example: INSTANT_EXAMPLE })
  createdAt: string;
}

/** A report as moderators see it. */
export class ReportDto {
  @ApiProperty({ format: 'uuid', example: UUID_EXAMPLE })
  id: string;

  @ApiProperty({ enum: ReportTarget, enumName: 'ReportTarget', example: ReportTarget.Comment })
  targetType: ReportTarget;

  @ApiProperty({ format: 'uuid', example: '7d0e1c9a-3f51-4a8b-b1f4-2c1d9b0e6a55' })
  targetId: string;

  @ApiProperty({
    type: UserSummaryDto,
    nullable: true,
    description: 'Who answers for the content; null once their account is deleted',
  })
  targetOwner: UserSummaryDto | null;

  @ApiProperty({
    type: UserSummaryDto,
    nullable: true,
    description: 'Who reported it; null once their account is deleted',
  })
  reporter: UserSummaryDto | null;

  @ApiProperty({ enum: ReportReason, enumName: 'ReportReason', example: ReportReason.Harassment })
  reason: ReportReason;

  @ApiProperty({ type: String, nullable: true, example: 'Keeps posting insults.' })
  details: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The content as the reporter saw it when reporting (a profile: displayName, bio; an activity: kind, text, details, visibility, occurredAt, authorName; a comment: activityId, text, createdAt, updatedAt, authorName)',
    example: {
      activityId: '3a1f9e2c-5b7d-4e8f-9a0b-1c2d3e4f5a6b',
      text: 'You call that a squat?',
      createdAt: INSTANT_EXAMPLE,
      updatedAt: INSTANT_EXAMPLE,
      authorName: 'Bob',
    },
  })
  snapshot: Record<string, unknown>;

  @ApiProperty({
    type: 'integer',
    example: 3,
    description: 'Open reports of the same target, this one included (0 once resolved)',
  })
  openReportsOfTarget: number;

  @ApiProperty({ enum: ReportStatus, enumName: 'ReportStatus', example: ReportStatus.Open })
  status: ReportStatus;

  @ApiProperty({
    enum: ModerationAction,
    enumName: 'ModerationAction',
    nullable: true,
    example: null,
    description: 'What the moderator did; null while open',
  })
  resolution: ModerationAction | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  resolutionNote: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null })
  resolvedById: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  resolvedAt: string | null;

  @ApiProperty({ format: 'date-time', example: INSTANT_EXAMPLE })
  createdAt: string;
}

/** One row of the append-only moderation log: a moderator's or an admin's action (docs/admin.md). */
export class ModerationLogEntryDto {
  @ApiProperty({ format: 'uuid', example: UUID_EXAMPLE })
  id: string;

  @ApiProperty({ format: 'uuid', example: '5b4c0e0a-0c4c-4a7e-9d27-4f0b0f3f6a11' })
  moderatorId: string;

  @ApiProperty({ enum: AuditAction, enumName: 'AuditAction', example: AuditAction.Warn })
  action: AuditAction;

  @ApiProperty({ enum: AuditTarget, enumName: 'AuditTarget', example: AuditTarget.Comment })
  targetType: AuditTarget;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '7d0e1c9a-3f51-4a8b-b1f4-2c1d9b0e6a55',
    description: 'Null when the target has no id of its own (a queue: `note` names it)',
  })
  targetId: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: '2f6e1d3c-4b5a-4978-8f6e-5d4c3b2a1908',
  })
  targetOwnerId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: UUID_EXAMPLE })
  reportId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'First warning.' })
  note: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  restrictedUntil: string | null;

  @ApiProperty({ format: 'date-time', example: INSTANT_EXAMPLE })
  createdAt: string;
}
