import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { IsLocalDate } from '../../../common/validation/local-date.decorator';
import { Omittable } from '../../../common/validation/presence';
import { ReportKind, ReportPeriod } from '../report.vocabulary';

export class GenerateReportDto {
  @ApiProperty({ enum: ReportKind, enumName: 'ReportKind', example: ReportKind.Progress })
  @IsEnum(ReportKind)
  kind: ReportKind;

  @ApiProperty({ enum: ReportPeriod, enumName: 'ReportPeriod', example: ReportPeriod.Monthly })
  @IsEnum(ReportPeriod)
  period: ReportPeriod;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    example: '2026-11-01',
    description:
      'weekly, monthly, yearly: any day of the wanted ISO week, month or year (default: the last ' +
      'complete one). custom: the first day (required). Days are in your time zone.',
  })
  @Omittable()
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    example: '2026-11-30',
    description: 'custom only (required there): the last day, at most 366 days after `from`',
  })
  @Omittable()
  @IsLocalDate()
  to?: string;
}
