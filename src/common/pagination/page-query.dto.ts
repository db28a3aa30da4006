import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
/**
 * The last page a `?page=` list serves: with the largest pages, a million rows deep. Past
 * that a list needs a filter (or a cursor), not an OFFSET the database must walk to.
 */
export const MAX_PAGE = 10_000;

/** `?page=&limit=` for lists where a total and random access matter (admin screens). */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1, example: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: 20,
    example: 20,
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 20;
}

/**
 * The rows before the page. A function rather than a getter on PageQueryDto: class-transformer
 * assigns every query parameter to the instance, and assigning `?offset=` to a getter inherited
 * from PageQueryDto throws (a 500); without one, `offset` is an unknown parameter (a 400).
 */
export function offsetOf(page: Pick<PageQueryDto, 'page' | 'limit'>): number {
  return (page.page - 1) * page.limit;
}
