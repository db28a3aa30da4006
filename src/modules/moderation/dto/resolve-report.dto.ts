import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsInt, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { Nullable } from '../../../common/validation/presence';
import { trimString } from '../../../common/validation/transforms';
import { MAX_SUSPENSION_DAYS, ModerationAction } from '../moderation.vocabulary';

export const RESOLUTION_NOTE_MAX_LENGTH = 1000;

export class ResolveReportDto {
  @ApiProperty({
    enum: ModerationAction,
    enumName: 'ModerationAction',
    example: ModerationAction.Suspend,
    description:
      'dismiss: nothing wrong; remove_content: delete the activity or comment; warn: warn its owner; suspend: no community writes for `days`',
  })
  @IsEnum(ModerationAction)
  action: ModerationAction;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_SUSPENSION_DAYS,
    example: 7,
    description: 'Required with suspend, refused otherwise: how long the suspension lasts',
  })
  @ValidateIf((dto: ResolveReportDto) => dto.action === ModerationAction.Suspend)
  @IsInt()
  @Min(1)
  @Max(MAX_SUSPENSION_DAYS)
  days?: number;

  @ApiPropertyOptional({
    maxLength: RESOLUTION_NOTE_MAX_LENGTH,
    nullable: true,
    type: String,
    example: 'Repeated insults after a warning.',
    description: 'Why: kept in the moderation log',
  })
  @Transform(trimString)
  @Nullable()
  @IsString()
  @MaxLength(RESOLUTION_NOTE_MAX_LENGTH)
  note?: string | null;
}
