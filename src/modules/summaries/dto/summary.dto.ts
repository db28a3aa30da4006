import { ApiProperty } from '@nestjs/swagger';
import { Summary, SummaryStatus } from '../entities/summary.entity';
import { SummaryResult } from '../summary-result';
import { SummaryResultDto } from './summary-result.dto';

export class SummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['day', 'week', 'month'], example: 'week' }) period:
    'day' | 'week' | 'month';
  @ApiProperty({
    format: 'date-time',
    example: '2026-11-16T00:00:00.000Z',
    description: 'Start (inclusive, UTC)',
  })
  from: string;
  @ApiProperty({
    format: 'date-time',
    example: '2026-11-23T00:00:00.000Z',
    description: 'End (exclusive, UTC)',
  })
  to: string;
  @ApiProperty({ enum: SummaryStatus, enumName: 'SummaryStatus', example: SummaryStatus.Completed })
  status: SummaryStatus;
  @ApiProperty({
    description:
      'Entries of the period changed after this was computed; request it again to refresh',
  })
  stale: boolean;
  @ApiProperty({ type: SummaryResultDto, nullable: true, description: 'Present once completed' })
  result: SummaryResult | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it failed, when failed' })
  failureReason: string | null;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(summary: Summary): SummaryDto {
    return {
      id: summary.id,
      period: summary.period,
      from: summary.periodStart.toISOString(),
      to: summary.periodEnd.toISOString(),
      status: summary.status,
      stale: summary.stale,
      result: summary.result,
      failureReason: summary.failureReason,
      requestedAt: summary.requestedAt.toISOString(),
      completedAt: summary.completedAt?.toISOString() ?? null,
      createdAt: summary.createdAt.toISOString(),
    };
  }
}
