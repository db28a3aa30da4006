import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
/**
 * The last page a `?page=` list serves: with the largest pages, a million rows deep. Past
 * that a list needs a filter (or a cursor), not an OFFSET the database must walk to.
 */
export const MAX_PAGE = 10_000;

/**
 * The rules and documentation of `page` and `limit`. `inBody`: a body schema states the default
 * in words, since a `default` makes generated clients require the field (docs/decisions.md).
 */
export const PagingField = {
  page: ({ inBody = false } = {}) =>
    applyDecorators(
      ApiPropertyOptional({
        type: 'integer',
        minimum: 1,
        maximum: MAX_PAGE,
        example: 1,
        ...(inBody ? { description: 'Default: 1' } : { default: 1 }),
      }),
      Type(() => Number),
      IsInt(),
      Min(1),
      Max(MAX_PAGE),
    ),
  /** `byDefault`: the page size when the field is left out (the property's initial value). */
  limit: ({ inBody = false, byDefault = 20 } = {}) =>
    applyDecorators(
      ApiPropertyOptional({
        type: 'integer',
        minimum: 1,
        maximum: MAX_PAGE_SIZE,
        example: byDefault,
        ...(inBody ? { description: `Default: ${byDefault}` } : { default: byDefault }),
      }),
      Type(() => Number),
      IsInt(),
      Min(1),
      Max(MAX_PAGE_SIZE),
    ),
};

/** `?page=&limit=` for lists where a total and random access matter (admin screens). */
export class PageQueryDto {
  @PagingField.page()
  page: number = 1;

  @PagingField.limit()
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
