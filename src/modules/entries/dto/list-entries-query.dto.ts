import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { CursorQueryDto } from '../../../common/pagination/cursor';
import { EntryType } from '../entities/entry.entity';
import { EntryField } from './entry-fields';

export class ListEntriesQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or after this instant' })
  @IsOptional()
  @EntryField.instant()
  from?: Date;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Entries before this instant (exclusive)',
  })
  @IsOptional()
  @EntryField.instant()
  to?: Date;

  @ApiPropertyOptional({ example: 'running', description: 'Only entries carrying this tag' })
  @IsOptional()
  @EntryField.tag()
  tag?: string;

  @ApiPropertyOptional({ enum: EntryType, enumName: 'EntryType' })
  @IsOptional()
  @IsEnum(EntryType)
  type?: EntryType;
}
