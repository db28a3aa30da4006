import { ArgumentMetadata } from '@nestjs/common';
import { IsArray, IsString, Length, ValidationError } from 'class-validator';
import { ValidationProblem } from './domain-errors';
import { FieldError } from './problem-details';
import { createValidationPipe, flattenValidationErrors } from './validation';
import { Omittable } from '../validation/presence';

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
