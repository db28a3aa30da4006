import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsNumber, IsString, Length, Max, Min } from 'class-validator';
import { trimString } from '../../../common/validation/transforms';
import { EntryType } from '../entities/entry.entity';
import { ENTRY_LIMITS, EntryField } from './entry-fields';
import { Nullable, Omittable } from '../../../common/validation/presence';

/** Leave out what you do not record; `null` says the same for the optional values. */
export class CreateEntryDto {
  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    example: '2026-11-20T07:30:00.000Z',
    description:
      'When it happened (ISO 8601); defaults to now. Not before 2000, at most a day ahead.',
  })
  @Omittable()
  @EntryField.instant()
  occurredAt?: Date;

  @ApiProperty({ enum: EntryType, enumName: 'EntryType', example: EntryType.Mood })
  @IsEnum(EntryType)
  type: EntryType;

  @ApiPropertyOptional({ nullable: true, type: 'integer', minimum: 1, maximum: 10, example: 7 })
  @Nullable()
  @EntryField.scale()
  mood?: number | null;

  @ApiPropertyOptional({ nullable: true, type: 'integer', minimum: 1, maximum: 10, example: 6 })
  @Nullable()
  @EntryField.scale()
  energy?: number | null;

  @ApiPropertyOptional({
    maxLength: ENTRY_LIMITS.note,
    nullable: true,
    type: String,
    example: 'Slept well, great run before work.',
  })
  @Nullable()
  @EntryField.note()
  note?: string | null;

  @ApiPropertyOptional({
    type: [String],
    maxItems: ENTRY_LIMITS.tags,
    example: ['running', 'good sleep'],
    description: `Up to ${ENTRY_LIMITS.tags} tags of at most ${ENTRY_LIMITS.tagLength} characters; stored lower-cased`,
  })
  @Omittable()
  @EntryField.tags()
  tags?: string[];

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    example: 7.5,
    description: 'A measured value (e.g. hours slept)',
  })
  @Nullable()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @Min(-1_000_000_000)
  @Max(1_000_000_000)
  value?: number | null;

  @ApiPropertyOptional({ maxLength: ENTRY_LIMITS.unit, nullable: true, type: String, example: 'h' })
  @Nullable()
  @Transform(trimString)
  @IsString()
  @Length(1, ENTRY_LIMITS.unit)
  unit?: string | null;
}
