import { ArgumentMetadata } from '@nestjs/common';
import { IsArray, IsString, Length, ValidationError } from 'class-validator';
import { offsetOf, PageQueryDto } from '../pagination/page-query.dto';
import { Omittable } from '../validation/presence';
import { ValidationProblem } from './domain-errors';
import { FieldError } from './problem-details';
import { createValidationPipe, flattenValidationErrors } from './validation';

function error(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  return Object.assign(new ValidationError(), { property, constraints, children });
}

describe('flattenValidationErrors', () => {
  it('gives nested fields a dotted path', () => {
    const errors = [
      error('email', { isEmail: 'email must be an email' }),
      error('days', undefined, [
        error('0', undefined, [
          error('reps', { max: 'reps must not be greater than 100', min: 'reps must be positive' }),
        ]),
      ]),
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'email', messages: ['email must be an email'] },
      {
        field: 'days.0.reps',
        messages: ['reps must not be greater than 100', 'reps must be positive'],
      },
    ]);
  });
});

describe('the validation pipe', () => {
  class ProfileDto {
    @Omittable()
    @IsString()
    @Length(1, 80)
    displayName?: string;

    @Omittable()
    @IsArray()
    @IsString({ each: true })
    tags?: string[];
  }

  const pipe = createValidationPipe();
  const body: ArgumentMetadata = { type: 'body', metatype: ProfileDto };

  /** The field errors the pipe answers `value` with (none when it passes). */
  async function errorsOf(value: unknown, metadata = body): Promise<FieldError[]> {
    try {
      await pipe.transform(value, metadata);
      return [];
    } catch (error) {
      if (error instanceof ValidationProblem) return error.fieldErrors;
      throw error;
    }
  }

  it('refuses NUL and lone surrogates in every string of the body, before the DTO rules', async () => {
    expect(
      await errorsOf({ displayName: 'Ada\u0000', tags: ['ok', '\ud800', 'x\udc00y'] }),
    ).toEqual([
      {
        field: 'displayName',
        messages: ['displayName must not contain NUL characters or unpaired surrogates'],
      },
      {
        field: 'tags.1',
        messages: ['tags.1 must not contain NUL characters or unpaired surrogates'],
      },
      {
        field: 'tags.2',
        messages: ['tags.2 must not contain NUL characters or unpaired surrogates'],
      },
    ]);
    // Even where the DTO has no rule at all: an unknown field, a property name.
    expect(await errorsOf({ unknown: { deep: ['\u0000'] } })).toEqual([
      expect.objectContaining({ field: 'unknown.deep.0' }),
    ]);
    expect(await errorsOf({ 'a\u0000': 1 })).toEqual([
      {
        field: 'body',
        messages: ['property names must not contain NUL characters or unpaired surrogates'],
      },
    ]);
  });

  it('keeps well-formed text, astral characters included', async () => {
    expect(await errorsOf({ displayName: 'Zoë 💪 日本', tags: ['\ud83d\udcaa'] })).toEqual([]);
  });

  it('applies the text rule to query strings and path parameters by their name', async () => {
    expect(await errorsOf({ tag: 'a\u0000' }, { type: 'query', metatype: Object })).toEqual([
      expect.objectContaining({ field: 'tag' }),
    ]);
    expect(await errorsOf('\u0000', { type: 'query', metatype: String, data: 'state' })).toEqual([
      expect.objectContaining({ field: 'state' }),
    ]);
    expect(await errorsOf('x\u0000', { type: 'param', metatype: String, data: 'id' })).toEqual([
      expect.objectContaining({ field: 'id' }),
    ]);
  });

  it('says a refused null is a null, once', async () => {
    class NameDto {
      @IsString()
      @Length(1, 80)
      name: string;
    }
    expect(await errorsOf({ name: null }, { type: 'body', metatype: NameDto })).toEqual([
      { field: 'name', messages: ['name must not be null'] },
    ]);
  });
});

describe('the validation pipe with queries', () => {
  class ListQueryDto extends PageQueryDto {
    @Omittable()
    @IsString()
    tag?: string;
  }

  class NoteDto {
    @IsString()
    text: string;
  }

  const pipe = createValidationPipe();
  const parse = (type: 'query' | 'body', metatype: new () => object, value: object) =>
    pipe.transform(value, { type, metatype });

  it('ignores unknown query parameters, and still validates the known ones', async () => {
    await expect(
      parse('query', ListQueryDto, { tag: 'run', _t: '1700000000', utm_source: 'x' }),
    ).resolves.toEqual(Object.assign(new ListQueryDto(), { tag: 'run', page: 1, limit: 20 }));
    await expect(parse('query', ListQueryDto, { limit: '1000', _t: '1' })).rejects.toMatchObject({
      fieldErrors: [{ field: 'limit', messages: ['limit must not be greater than 100'] }],
    });
  });

  it('ignores a query parameter named like a getter of the DTO (was a 500)', async () => {
    const query = (await parse('query', ListQueryDto, { offset: '5', page: '2' })) as ListQueryDto;
    expect(offsetOf(query)).toBe(20);
  });

  it('still rejects an unknown field of a body', async () => {
    const thrown = await parse('body', NoteDto, { text: 'hi', isAdmin: true }).catch(
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(ValidationProblem);
    expect((thrown as ValidationProblem).fieldErrors).toEqual([
      { field: 'isAdmin', messages: ['property isAdmin should not exist'] },
    ]);
  });
});
