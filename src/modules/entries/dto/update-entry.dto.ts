import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsNumber, IsString, Length, Max, Min } from 'class-validator';
import { trimString } from '../../../common/validation/transforms';
import { EntryType } from '../entities/entry.entity';
import { ENTRY_LIMITS, EntryField } from './entry-fields';
import { Nullable, Omittable } from '../../../common/validation/presence';

/** PATCH: send only what changes; `null` clears an optional field. */
export class UpdateEntryDto {
  @ApiPropertyOptional({ type: 'string', format: 'date-time', example: '2026-11-20T07:30:00.000Z' })
  @Omittable()
  @EntryField.instant()
  occurredAt?: Date;

  @ApiPropertyOptional({ enum: EntryType, enumName: 'EntryType' })
  @Omittable()
  @IsEnum(EntryType)
  type?: EntryType;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10, nullable: true, example: 8 })
  @Nullable()
  @EntryField.scale()
  mood?: number | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10, nullable: true })
  @Nullable()
  @EntryField.scale()
  energy?: number | null;

  @ApiPropertyOptional({ type: 'string', maxLength: ENTRY_LIMITS.note, nullable: true })
  @Nullable()
  @EntryField.note()
  note?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: ENTRY_LIMITS.tags, example: ['running'] })
  @Omittable()
  @EntryField.tags()
  tags?: string[];

  @ApiPropertyOptional({
    type: 'number',
    minimum: -1_000_000_000,
    maximum: 1_000_000_000,
    nullable: true,
  })
  @Nullable()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(-1_000_000_000)
  @Max(1_000_000_000)
  value?: number | null;

  @ApiPropertyOptional({ type: 'string', maxLength: ENTRY_LIMITS.unit, nullable: true })
  @Nullable()
  @Transform(trimString)
  @IsString()
  @Length(1, ENTRY_LIMITS.unit)
  unit?: string | null;
}
