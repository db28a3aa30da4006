import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';

/** The problems of challenges (docs/challenges.md, docs/errors.md). */
export const ChallengeProblems = {
  challengeClosed: new ProblemType({
    slug: 'challenge-closed',
    status: HttpStatus.CONFLICT,
    title: 'Challenge closed',
    description: 'Joining or leaving a challenge that has ended or closed',
    exampleDetail: 'This challenge has ended: its results are final.',
  }),
} as const;
