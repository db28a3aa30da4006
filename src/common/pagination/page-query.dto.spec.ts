import { ArgumentMetadata } from '@nestjs/common';
import { IsString } from 'class-validator';
import { ValidationProblem } from '../errors/domain-errors';
import { createValidationPipe } from '../errors/validation';
import { MAX_PAGE, offsetOf, PageQueryDto } from './page-query.dto';
import { Omittable } from '../validation/presence';

class FilteredPageQueryDto extends PageQueryDto {
  @Omittable()
  @IsString()
  search?: string;
}

/** The query through the one validation pipe: the DTO, or the fields a 400 would name. */
async function parse(query: Record<string, string>): Promise<FilteredPageQueryDto | string[]> {
  const metadata: ArgumentMetadata = { type: 'query', metatype: FilteredPageQueryDto };
  try {
    return (await createValidationPipe().transform(query, metadata)) as FilteredPageQueryDto;
  } catch (error) {
    if (error instanceof ValidationProblem) return error.fieldErrors.map((e) => e.field);
    throw error;
  }
}

describe('PageQueryDto', () => {
  it('defaults to the first page of 20 and gives the rows before a page', async () => {
    const query = (await parse({})) as FilteredPageQueryDto;
    expect(query).toMatchObject({ page: 1, limit: 20 });
    expect(offsetOf(query)).toBe(0);
    expect(offsetOf({ page: 3, limit: 50 })).toBe(100);
  });

  it('bounds the page, so the offset always fits the database', async () => {
    expect(await parse({ page: String(MAX_PAGE), limit: '100' })).toMatchObject({ page: MAX_PAGE });
    expect(await parse({ page: '9999999999999999999999999' })).toEqual(['page']);
    expect(await parse({ page: String(MAX_PAGE + 1) })).toEqual(['page']);
    expect(await parse({ page: '1e400', limit: 'NaN' })).toEqual(['page', 'limit']);
  });

  it('ignores ?offset= in a subclass, as any unknown query parameter (no getter to trip on)', async () => {
    expect(await parse({ offset: '1' })).toMatchObject({ page: 1, limit: 20 });
  });
});
