import { ValidationError } from 'class-validator';
import { flattenValidationErrors } from './validation';

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
