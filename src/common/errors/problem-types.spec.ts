import { HttpStatus } from '@nestjs/common';
import { ProblemException, ValidationProblem } from './domain-errors';
import { ProblemType } from './problem-type';
import { Problems } from './problem-types';

describe('ProblemType', () => {
  const conflict = new ProblemType<{ currentVersion: number; hint?: string }>({
    slug: 'spec-version-conflict',
    status: HttpStatus.CONFLICT,
    title: 'Version conflict',
    description: 'A stale version',
    exampleDetail: 'Stale.',
    members: {
      currentVersion: { type: 'integer', required: true },
      hint: { type: 'string', required: false },
    },
  });

  it('throws the problem it documents, with its members and headers', () => {
    const thrown = conflict.exception('Load version 4.', { currentVersion: 4 }, { 'X-A': '1' });
    expect(thrown).toBeInstanceOf(ProblemException);
    expect(thrown).toMatchObject({
      problemType: 'spec-version-conflict',
      title: 'Version conflict',
      extensions: { currentVersion: 4 },
      headers: { 'X-A': '1' },
    });
    expect(thrown.getStatus()).toBe(HttpStatus.CONFLICT);
    expect(conflict.uri).toBe('urn:fitai:problem:spec-version-conflict');
  });

  it('names its schema after its slug, and refuses a second type of the same name', () => {
    expect(conflict.model.name).toBe('SpecVersionConflictProblem');
    expect(ProblemType.named('SpecVersionConflictProblem')).toBe(conflict);
    expect(
      () =>
        new ProblemType({
          slug: 'spec-version-conflict',
          status: HttpStatus.CONFLICT,
          title: 'Another',
          description: 'Another',
          exampleDetail: 'Another.',
        }),
    ).toThrow('Two problem types are named SpecVersionConflictProblem');
  });

  it('is what the validation pipe throws for validation-failed', () => {
    const problem = new ValidationProblem([{ field: 'email', messages: ['bad'] }]);
    expect(problem.problemType).toBe(Problems.validationFailed.slug);
    expect(problem.title).toBe(Problems.validationFailed.title);
    expect(problem.getStatus()).toBe(Problems.validationFailed.status);
  });
});
