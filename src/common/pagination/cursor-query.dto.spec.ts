import { ArgumentMetadata } from '@nestjs/common';
import { ValidationProblem } from '../errors/domain-errors';
import { FieldError } from '../errors/problem-details';
import { createValidationPipe } from '../errors/validation';
import { encodeCursor } from './cursor';
import { CursorQueryDto, keysetOf, TimeRangeCursorQueryDto } from './cursor-query.dto';

class ReadingsQueryDto extends TimeRangeCursorQueryDto({ items: 'Readings' }) {}

/** The query through the one validation pipe, as a controller receives it. */
async function parse<T>(type: new () => T, query: Record<string, string>): Promise<T> {
  const metadata: ArgumentMetadata = { type: 'query', metatype: type };
  return (await createValidationPipe().transform(query, metadata)) as T;
}

/** The field errors of the ValidationProblem that `action` throws or rejects with. */
async function fieldErrorsOf(action: () => unknown): Promise<FieldError[]> {
  const thrown = await Promise.resolve()
    .then(action)
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  expect(thrown).toBeInstanceOf(ValidationProblem);
  return (thrown as ValidationProblem).fieldErrors;
}

describe('TimeRangeCursorQueryDto', () => {
  it('accepts either bound alone, or both in order', async () => {
    const query = await parse(ReadingsQueryDto, {
      from: '2026-11-01T00:00:00Z',
      to: '2026-11-05T00:00:00Z',
      limit: '10',
    });
    expect(query).toMatchObject({
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-05T00:00:00Z'),
      limit: 10,
    });
    await expect(parse(ReadingsQueryDto, { from: '2026-11-01T00:00:00Z' })).resolves.toBeDefined();
    await expect(parse(ReadingsQueryDto, { to: '2026-11-01T00:00:00Z' })).resolves.toBeDefined();
  });

  it.each([
    ['before', '2026-11-01T00:00:00Z'],
    ['equal to', '2026-11-05T00:00:00Z'],
  ])('rejects a `to` %s `from` as a field error on `to`', async (_, to) => {
    const errors = await fieldErrorsOf(() =>
      parse(ReadingsQueryDto, { from: '2026-11-05T00:00:00Z', to }),
    );
    expect(errors).toEqual([{ field: 'to', messages: ['to must be after from'] }]);
  });

  it('reports a malformed bound by its own rules only', async () => {
    const errors = await fieldErrorsOf(() =>
      parse(ReadingsQueryDto, { from: 'yesterday', to: '2026-11-01T00:00:00Z' }),
    );
    expect(errors).toEqual([{ field: 'from', messages: expect.any(Array) }]);
  });
});

describe('keysetOf', () => {
  const position = {
    at: new Date('2026-11-20T08:00:00Z'),
    id: '3f0c7c52-8f0e-4d4b-9a52-3c3f4e2b6a10',
  };

  it('is undefined on the first page and the position the cursor names after it', async () => {
    expect(keysetOf(await parse(CursorQueryDto, {}))).toBeUndefined();
    const query = await parse(CursorQueryDto, { cursor: encodeCursor(position) });
    expect(keysetOf(query)).toEqual(position);
  });

  it('turns a forged cursor into a field error on `cursor`', async () => {
    const query = await parse(CursorQueryDto, { cursor: 'not-a-cursor' });
    expect(await fieldErrorsOf(() => keysetOf(query))).toEqual([
      { field: 'cursor', messages: ['cursor must be a nextCursor returned by this API'] },
    ]);
  });
});
