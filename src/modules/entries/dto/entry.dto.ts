import { ApiProperty } from '@nestjs/swagger';
import { EntryType } from '../entities/entry.entity';

/**
 * An entry as answered. The repository selects entries in this shape (ENTRY_DTO_COLUMNS), so
 * rows are answered as the driver returns them.
 */
export class EntryDto {
  @ApiProperty({ type: 'string', format: 'uuid' }) id: string;
  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-11-20T07:30:00.000Z' })
  occurredAt: string;
  @ApiProperty({ enum: EntryType, enumName: 'EntryType', example: EntryType.Mood }) type: EntryType;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10, nullable: true, example: 7 })
  mood: number | null;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10, nullable: true, example: 6 })
  energy: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'Slept well, great run before work.' })
  note: string | null;
  @ApiProperty({ type: [String], example: ['running', 'good sleep'] }) tags: string[];
  @ApiProperty({ nullable: true, type: Number, example: 7.5 }) value: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'h' }) unit: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt: string;
}
