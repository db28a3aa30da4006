import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { TimeRangeCursorQueryDto } from '../../../common/pagination/cursor-query.dto';
import { EntryType } from '../entities/entry.entity';
import { EntryField } from './entry-fields';
import { Omittable } from '../../../common/validation/presence';

export class ListEntriesQueryDto extends TimeRangeCursorQueryDto({
  items: 'Entries',
  instant: EntryField.instant,
}) {
  @ApiPropertyOptional({ example: 'running', description: 'Only entries carrying this tag' })
  @Omittable()
  @EntryField.tag()
  tag?: string;

  @ApiPropertyOptional({ enum: EntryType, enumName: 'EntryType' })
  @Omittable()
  @IsEnum(EntryType)
  type?: EntryType;
}
