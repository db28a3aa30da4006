import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsAfter } from '../validation/field-rules';
import { PastInstant } from '../validation/instant.decorator';
import { decodeCursor, KeysetPosition } from './cursor';
import { PagingField } from './page-query.dto';
import { Omittable } from '../validation/presence';

/** `?cursor=&limit=` for feeds and histories: the base of every keyset-paginated list query. */
export class CursorQueryDto {
  @ApiPropertyOptional({
    description: 'The `nextCursor` of the previous page; omit for the first page',
  })
  @Omittable()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @PagingField.limit({ byDefault: 50 })
  limit: number = 50;
}

/**
 * Where the page starts: the position the cursor names (the previous page's last row), or
 * undefined for the first page. A forged cursor is a field-level 400 on `cursor`.
 *
 * A function rather than a getter on CursorQueryDto: class-transformer assigns every query
 * parameter to the instance, and assigning `?keyset=` to an inherited getter would throw (a 500).
 */
export function keysetOf(query: Pick<CursorQueryDto, 'cursor'>): KeysetPosition | undefined {
  return query.cursor ? decodeCursor(query.cursor) : undefined;
}

export interface TimeRangeOptions {
  /** What the list holds, for the docs: "Entries", "Readings". */
  items: string;
  /** The rules of one instant of this list (how far back and ahead it may be). */
  instant?: () => PropertyDecorator;
}

/**
 * A cursor query over the half-open time range [`from`, `to`): either bound may be left out,
 * and when both are sent `to` must be after `from` (a field-level 400 on `to`).
 */
export function TimeRangeCursorQueryDto({ items, instant = PastInstant }: TimeRangeOptions) {
  abstract class TimeRangeCursorQuery extends CursorQueryDto {
    @ApiPropertyOptional({ format: 'date-time', description: `${items} at or after this instant` })
    @Omittable()
    @instant()
    from?: Date;

    @ApiPropertyOptional({
      format: 'date-time',
      description: `${items} before this instant (exclusive)`,
    })
    @Omittable()
    @instant()
    @IsAfter('from')
    to?: Date;
  }
  return TimeRangeCursorQuery;
}
