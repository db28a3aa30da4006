import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsNumber, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { trimString } from '../../../common/validation/transforms';
import { EntryType } from '../entities/entry.entity';
import { ENTRY_LIMITS, EntryField } from './entry-fields';

export class CreateEntryDto {
  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    example: '2026-11-20T07:30:00.000Z',
    description:
      'When it happened (ISO 8601); defaults to now. Not before 2000, at most a day ahead.',
  })
  @IsOptional()
  @EntryField.instant()
  occurredAt?: Date;

  @ApiProperty({ enum: EntryType, enumName: 'EntryType', example: EntryType.Mood })
  @IsEnum(EntryType)
  type: EntryType;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10, example: 7 })
  @IsOptional()
  @EntryField.scale()
  mood?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10, example: 6 })
  @IsOptional()
  @EntryField.scale()
  energy?: number;

  @ApiPropertyOptional({
    maxLength: ENTRY_LIMITS.note,
    example: 'Slept well, great run before work.',
  })
  @IsOptional()
  @EntryField.note()
  note?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: ENTRY_LIMITS.tags,
    example: ['running', 'good sleep'],
    description: `Up to ${ENTRY_LIMITS.tags} tags of at most ${ENTRY_LIMITS.tagLength} characters; stored lower-cased`,
  })
  @IsOptional()
  @EntryField.tags()
  tags?: string[];

  @ApiPropertyOptional({
    type: 'number',
    minimum: -1_000_000_000,
    maximum: 1_000_000_000,
    example: 7.5,
    description: 'A measured value (e.g. hours slept), at most 4 decimals',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(-1_000_000_000)
  @Max(1_000_000_000)
  value?: number;

  @ApiPropertyOptional({ maxLength: ENTRY_LIMITS.unit, example: 'h' })
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @Length(1, ENTRY_LIMITS.unit)
  unit?: string;
}
