import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ValidationProblem } from '../errors/domain-errors';
import { ApiListResponse } from './api-list-response';

/**
 * Keyset pagination over (timestamp, id): stable when many rows share a timestamp, and as
 * fast on page 1,000 as on page 1 because each page is one index range scan.
 */
export interface KeysetPosition {
  at: Date;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at.toISOString(), position.id])).toString(
    'base64url',
  );
}

/** A malformed cursor is the client's mistake: a field-level 400, never a 500. */
export function decodeCursor(cursor: string): KeysetPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const date = new Date(at as string);
    if (
      typeof at !== 'string' ||
      Number.isNaN(date.getTime()) ||
      typeof id !== 'string' ||
      !/^[0-9a-f-]{36}$/i.test(id)
    ) {
      throw new Error('bad cursor');
    }
    return { at: date, id };
  } catch {
    throw new ValidationProblem([
      { field: 'cursor', messages: ['cursor must be a nextCursor returned by this API'] },
    ]);
  }
}

export class CursorPageMeta {
  @ApiProperty({ type: 'integer', minimum: 1, example: 50 }) limit: number;
  @ApiProperty({
    nullable: true,
    type: String,
    example:
      'WyIyMDI2LTExLTIwVDA4OjAwOjAwLjAwMFoiLCIzZjBjN2M1Mi04ZjBlLTRkNGItOWE1Mi0zYzNmNGUyYjZhMTAiXQ',
    description: 'Pass as `cursor` to get the next page; null on the last page',
  })
  nextCursor: string | null;
}

export interface CursorPage<T> {
  items: T[];
  meta: CursorPageMeta;
}

/**
 * Builds a page from `limit + 1` rows fetched in keyset order: the extra row only tells
 * whether there is a next page.
 */
export function toCursorPage<Row, Item>(
  rows: Row[],
  limit: number,
  positionOf: (row: Row) => KeysetPosition,
  toItem: (row: Row) => Item,
): CursorPage<Item> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(toItem),
    meta: {
      limit,
      nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null,
    },
  };
}

/** Documents a `CursorPage<Model>` response body. */
export function ApiCursorPageResponse<T>(model: Type<T>, description = 'A page of results') {
  return ApiListResponse(model, CursorPageMeta, description);
}
