import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsUUID } from 'class-validator';
import { CursorQueryDto } from '../../../common/pagination/cursor-query.dto';
import { Omittable } from '../../../common/validation/presence';
import { ReportStatus, ReportTarget } from '../moderation.vocabulary';

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

export class ModerationLogQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Only actions about this user's profile or content",
  })
  @Omittable()
  @IsUUID('all')
  userId?: string;
}
