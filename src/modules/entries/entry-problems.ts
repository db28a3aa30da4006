import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';

/** The problems of the journal (docs/journal-and-summaries.md). */
export const EntryProblems = {
  idempotencyKeyReused: new ProblemType({
    slug: 'idempotency-key-reused',
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    title: 'Idempotency-Key reused',
    description: 'An Idempotency-Key came back with a different body',
    exampleDetail: 'This Idempotency-Key was already used with a different request body.',
  }),
} as const;
