import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';

/** The problems of the social graph (docs/social.md). */
export const SocialProblems = {
  alreadyFriends: new ProblemType({
    slug: 'already-friends',
    status: HttpStatus.CONFLICT,
    title: 'Already friends',
    description: 'A friend request to someone who is already a friend',
    exampleDetail: 'You are already friends.',
  }),
  pendingRequestsLimit: new ProblemType<{ limit: number }>({
    slug: 'pending-requests-limit',
    status: HttpStatus.CONFLICT,
    title: 'Too many pending friend requests',
    description: 'The caller has as many pending friend requests as allowed',
    exampleDetail:
      'You have 50 friend requests waiting for an answer: cancel some, or wait for answers.',
    members: {
      limit: {
        type: 'integer',
        example: 50,
        required: true,
        description: 'Pending requests a user may have sent at once',
      },
    },
  }),
} as const;
