import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ApiListResponse } from './api-list-response';
import { PageQueryDto } from './page-query.dto';

export class PageMeta {
  @ApiProperty({ type: 'integer', minimum: 1, example: 1 }) page: number;
  @ApiProperty({ type: 'integer', minimum: 1, example: 20 }) limit: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 137 }) total: number;
  @ApiProperty({ type: 'integer', minimum: 0, example: 7 }) totalPages: number;
}

export interface Page<T> {
  items: T[];
  meta: PageMeta;
}

export function toPage<T>(items: T[], total: number, query: PageQueryDto): Page<T> {
  return {
    items,
    meta: {
      page: query.page,
      limit: query.limit,
      total,
      totalPages: Math.ceil(total / query.limit),
    },
  };
}

/** Documents a `Page<Model>` response body. */
export function ApiPageResponse<T>(model: Type<T>, description = 'A page of results') {
  return ApiListResponse(model, PageMeta, description);
}
