import { IsOptional, IsString, ValidationError } from 'class-validator';
import { PageQueryDto } from '../pagination/page-query.dto';
import { ValidationProblem } from './domain-errors';
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

describe('createValidationPipe', () => {
  class ListQueryDto extends PageQueryDto {
    @IsOptional()
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
    expect(query.offset).toBe(20);
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
