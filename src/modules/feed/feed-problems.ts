import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';

/** The problems of the feed (docs/social.md). */
export const FeedProblems = {
  workoutNotCompleted: new ProblemType({
    slug: 'workout-not-completed',
    status: HttpStatus.CONFLICT,
    title: 'The workout is not completed',
    description: 'Sharing a workout that is not completed: only a finished session is shared',
    exampleDetail: 'Only a completed workout can be shared: complete it first.',
  }),
} as const;
