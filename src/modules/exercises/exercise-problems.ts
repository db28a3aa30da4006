import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';

/** The problems of the exercise library (docs/exercises.md). */
export const ExerciseProblems = {
  notPendingReview: new ProblemType({
    slug: 'not-pending-review',
    status: HttpStatus.CONFLICT,
    title: 'Not awaiting review',
    description: 'Only a pending exercise can be reviewed',
    exampleDetail: 'The exercise is approved; only pending exercises can be reviewed.',
  }),
} as const;
