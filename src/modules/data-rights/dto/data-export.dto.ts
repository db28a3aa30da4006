import { ApiProperty } from '@nestjs/swagger';
import { DataExport, DataJobStatus } from '../entities/data-export.entity';

export class DataExportDto {
  @ApiProperty({ format: 'uuid', example: '3f0c5a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f' })
  id: string;

  @ApiProperty({
    enum: DataJobStatus,
    enumName: 'DataJobStatus',
    example: DataJobStatus.Processing,
  })
  status: DataJobStatus;

  @ApiProperty({ minimum: 0, maximum: 100, example: 40, description: 'Share of the files written' })
  progressPct: number;

  @ApiProperty({ format: 'date-time' })
  requestedAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  completedAt: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'A signed link to the zip, valid until `downloadExpiresAt` without a token (DATA_EXPORT_LINK_TTL_SECONDS); each status read signs a fresh one. Null until completed.',
    example:
      'https://api.fitai.dev/api/v1/users/data-export/3f0c5a9e-1d2b-4c3d-8e4f-5a6b7c8d9e0f/download?expires=1796256000&signature=Zm9v',
  })
  downloadUrl: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  downloadExpiresAt: string | null;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When the archive is deleted (DATA_EXPORT_RETENTION_HOURS after completion)',
  })
  archiveExpiresAt: string | null;

  @ApiProperty({ nullable: true, type: Number, example: 48213 })
  sizeBytes: number | null;

  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Rows per file of the archive',
    example: { 'data/workouts.json': 120, 'csv/workouts.csv': 2400 },
  })
  rowCounts: Record<string, number> | null;

  @ApiProperty({ nullable: true, type: String })
  failureReason: string | null;

  static from(row: DataExport, download: { url: string; expiresAt: Date } | null): DataExportDto {
    return {
      id: row.id,
      status: row.status,
      progressPct: row.progressPct,
      requestedAt: row.requestedAt.toISOString(),
      completedAt: row.completedAt?.toISOString() ?? null,
      downloadUrl: download?.url ?? null,
      downloadExpiresAt: download?.expiresAt.toISOString() ?? null,
      archiveExpiresAt: row.expiresAt?.toISOString() ?? null,
      sizeBytes: row.sizeBytes === null ? null : Number(row.sizeBytes),
      rowCounts: row.rowCounts,
      failureReason: row.failureReason,
    };
  }
}
