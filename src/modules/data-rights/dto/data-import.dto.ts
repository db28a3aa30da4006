import { ApiProperty } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { Omittable } from '../../../common/validation/presence';
import { WeightUnit } from '../../../common/units/weight-unit';
import { DataJobStatus } from '../entities/data-export.entity';
import { DataImport, ImportSource } from '../entities/data-import.entity';

export class DataImportQueryDto {
  @ApiProperty({ enum: ImportSource, enumName: 'ImportSource', example: ImportSource.Strong })
  @IsEnum(ImportSource)
  source: ImportSource;

  @ApiProperty({
    enum: WeightUnit,
    enumName: 'WeightUnit',
    required: false,
    description:
      "Strong's CSV has no unit column: its weights are in this unit (default: your preference). Hevy's header names its unit.",
  })
  @Omittable()
  @IsEnum(WeightUnit)
  weightUnit?: WeightUnit;
}

export class ImportRowErrorDto {
  @ApiProperty({ example: 7, description: 'CSV line (the header is line 1) or record index' })
  row: number;
  @ApiProperty({ required: false, example: 'data/workouts.json' })
  file?: string;
  @ApiProperty({ required: false, example: 'Reps' })
  field?: string;
  @ApiProperty({ example: 'Reps must be a whole number from 0 to 1000, not "ten"' })
  message: string;
}

export class ImportReportDto {
  @ApiProperty({ example: 42 })
  rowsRead: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { workouts: 3, sets: 40 },
  })
  created: Record<string, number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { workouts: 0 },
  })
  skipped: Record<string, number>;
  @ApiProperty({ type: [String], example: ['Cable Woodchopper'] })
  unmatchedExercises: string[];
  @ApiProperty({ type: [ImportRowErrorDto] })
  errors: ImportRowErrorDto[];
}

export class DataImportDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: ImportSource, enumName: 'ImportSource' })
  source: ImportSource;
  @ApiProperty({ enum: DataJobStatus, enumName: 'DataJobStatus' })
  status: DataJobStatus;
  @ApiProperty({ minimum: 0, maximum: 100, example: 50 })
  progressPct: number;
  @ApiProperty({ example: 'strong.csv' })
  fileName: string;
  @ApiProperty({ example: 2048 })
  sizeBytes: number;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  completedAt: string | null;
  @ApiProperty({ type: ImportReportDto, nullable: true })
  report: ImportReportDto | null;
  @ApiProperty({ nullable: true, type: String })
  failureReason: string | null;

  static from(row: DataImport): DataImportDto {
    return {
      id: row.id,
      source: row.source,
      status: row.status,
      progressPct: row.progressPct,
      fileName: row.fileName,
      sizeBytes: Number(row.sizeBytes),
      createdAt: row.createdAt.toISOString(),
      completedAt: row.completedAt?.toISOString() ?? null,
      report: row.report,
      failureReason: row.failureReason,
    };
  }
}
