import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsString, IsUUID, MaxLength } from 'class-validator';
import { Nullable } from '../../../common/validation/presence';
import { trimString } from '../../../common/validation/transforms';
import { ReportReason, ReportTarget } from '../moderation.vocabulary';

export const REPORT_DETAILS_MAX_LENGTH = 1000;

export class ReportContentDto {
  @ApiProperty({ enum: ReportTarget, enumName: 'ReportTarget', example: ReportTarget.Comment })
  @IsEnum(ReportTarget)
  targetType: ReportTarget;

  @ApiProperty({
    format: 'uuid',
    example: '7d0e1c9a-3f51-4a8b-b1f4-2c1d9b0e6a55',
    description: "The user's, activity's or comment's id",
  })
  @IsUUID('all')
  targetId: string;

  @ApiProperty({ enum: ReportReason, enumName: 'ReportReason', example: ReportReason.Harassment })
  @IsEnum(ReportReason)
  reason: ReportReason;

  @ApiPropertyOptional({
    maxLength: REPORT_DETAILS_MAX_LENGTH,
    nullable: true,
    type: String,
    example: 'Keeps posting insults under my workouts.',
    description: 'What the moderators should know; null or absent for nothing',
  })
  @Transform(trimString)
  @Nullable()
  @IsString()
  @MaxLength(REPORT_DETAILS_MAX_LENGTH)
  details?: string | null;
}
