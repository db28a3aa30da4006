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
  notChallengeCreator: new ProblemType({
    slug: 'not-challenge-creator',
    status: HttpStatus.FORBIDDEN,
    title: 'Not the challenge’s creator',
    description: 'Inviting to a challenge you may see but did not create',
    exampleDetail: 'Only the creator of this challenge can invite to it.',
  }),
} as const;
