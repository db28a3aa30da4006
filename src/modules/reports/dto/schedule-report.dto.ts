import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Omittable } from '../../../common/validation/presence';
import { ReportFrequency, ReportKind } from '../report.vocabulary';

export class ScheduleReportDto {
  @ApiProperty({ enum: ReportKind, enumName: 'ReportKind', example: ReportKind.Progress })
  @IsEnum(ReportKind)
  kind: ReportKind;

  @ApiProperty({
    enum: ReportFrequency,
    enumName: 'ReportFrequency',
    example: ReportFrequency.Weekly,
    description:
      'weekly: each Monday, for the ISO week just ended; monthly: each 1st, for the month just ended',
  })
  @IsEnum(ReportFrequency)
  frequency: ReportFrequency;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 23,
    example: 7,
    description: 'Local hour at which the report is made and emailed (7 when left out)',
  })
  @Omittable()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(23)
  hour?: number;

  @ApiPropertyOptional({
    example: 'Europe/Paris',
    description: 'IANA time zone of the periods and the hour; defaults to your preferences’ zone',
  })
  @Omittable()
  @IsString()
  @MaxLength(64)
  timeZone?: string;
}
