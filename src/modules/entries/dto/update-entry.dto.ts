import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEnum,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { trimString } from '../../../common/validation/transforms';
import { EntryType } from '../entities/entry.entity';
import { ENTRY_LIMITS, EntryField } from './entry-fields';

const clearable = ValidateIf((_o, value) => value !== null && value !== undefined);

/** PATCH: send only what changes; `null` clears an optional field. */
export class UpdateEntryDto {
  @ApiPropertyOptional({ type: 'string', format: 'date-time', example: '2026-11-20T07:30:00.000Z' })
  @IsOptional()
  @EntryField.instant()
  occurredAt?: Date;

  @ApiPropertyOptional({ enum: EntryType, enumName: 'EntryType' })
  @IsOptional()
  @IsEnum(EntryType)
  type?: EntryType;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10, nullable: true, example: 8 })
  @clearable
  @EntryField.scale()
  mood?: number | null;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10, nullable: true })
  @clearable
  @EntryField.scale()
  energy?: number | null;

  @ApiPropertyOptional({ maxLength: ENTRY_LIMITS.note, nullable: true, type: String })
  @clearable
  @EntryField.note()
  note?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: ENTRY_LIMITS.tags, example: ['running'] })
  @IsOptional()
  @EntryField.tags()
  tags?: string[];

  @ApiPropertyOptional({
    type: 'number',
    minimum: -1_000_000_000,
    maximum: 1_000_000_000,
    nullable: true,
  })
  @clearable
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(-1_000_000_000)
  @Max(1_000_000_000)
  value?: number | null;

  @ApiPropertyOptional({ maxLength: ENTRY_LIMITS.unit, nullable: true, type: String })
  @clearable
  @Transform(trimString)
  @IsString()
  @Length(1, ENTRY_LIMITS.unit)
  unit?: string | null;
}
