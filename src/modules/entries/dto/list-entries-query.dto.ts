import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional } from 'class-validator';
import { TimeRangeCursorQueryDto } from '../../../common/pagination/cursor-query.dto';
import { EntryType } from '../entities/entry.entity';
import { EntryField } from './entry-fields';

export class ListEntriesQueryDto extends TimeRangeCursorQueryDto({
  items: 'Entries',
  instant: EntryField.instant,
}) {
  @ApiPropertyOptional({ example: 'running', description: 'Only entries carrying this tag' })
  @IsOptional()
  @EntryField.tag()
  tag?: string;

  @ApiPropertyOptional({ enum: EntryType, enumName: 'EntryType' })
  @IsOptional()
  @IsEnum(EntryType)
  type?: EntryType;
}
