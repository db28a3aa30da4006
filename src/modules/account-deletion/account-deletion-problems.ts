import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';

/** The problems of account deletion (docs/account-deletion.md). */
export const AccountDeletionProblems = {
  recentSignInRequired: new ProblemType<{ withinMinutes: number }>({
    slug: 'recent-sign-in-required',
    status: HttpStatus.FORBIDDEN,
    title: 'Recent sign-in required',
    description:
      'An account without a password (Google, GitHub) confirms its deletion by having signed in within the last minutes',
    exampleDetail:
      'Sign in again (within the last 10 minutes) to delete an account that has no password.',
    members: {
      withinMinutes: { type: 'integer', required: true, example: 10 },
    },
  }),
} as const;
