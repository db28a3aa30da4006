import { ApiProperty } from '@nestjs/swagger';
import type { SummaryPeriod } from '../../ai/ai.vocabulary';
import { Summary, SummaryStatus } from '../entities/summary.entity';
import { SUMMARY_PERIOD, SummaryResultDto } from './summary-result.dto';

/** A summary just requested (the 202 answer): pending, without a result yet. */
export const PENDING_SUMMARY_EXAMPLE = {
  id: '9b2f6f0e-3c1a-4d5e-8f7a-1b2c3d4e5f60',
  period: 'week',
  from: '2026-11-16T00:00:00.000Z',
  to: '2026-11-23T00:00:00.000Z',
  status: SummaryStatus.Pending,
  stale: false,
  result: null,
  failureReason: null,
  requestedAt: '2026-11-20T08:00:00.000Z',
  completedAt: null,
  createdAt: '2026-11-20T08:00:00.000Z',
} satisfies SummaryDto;

export class SummaryDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ ...SUMMARY_PERIOD, example: 'week' }) period: SummaryPeriod;
  @ApiProperty({
    type: 'string',
    format: 'date-time',
    example: '2026-11-16T00:00:00.000Z',
    description: 'Start (inclusive, UTC)',
  })
  from: string;
  @ApiProperty({
    type: 'string',
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
  result: SummaryResultDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it failed, when failed' })
  failureReason: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: string;

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
