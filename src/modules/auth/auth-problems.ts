import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';

/** The problems of accounts and sessions (docs/accounts.md). */
export const AuthProblems = {
  invalidToken: new ProblemType({
    slug: 'invalid-token',
    status: HttpStatus.BAD_REQUEST,
    title: 'Invalid or expired link',
    description: 'An email verification or password reset token that is unknown, used or expired',
    exampleDetail:
      'This password reset link is invalid, was already used, or has expired. Ask for a new one.',
  }),
  noPasswordSet: new ProblemType({
    slug: 'no-password-set',
    status: HttpStatus.CONFLICT,
    title: 'No password set',
    description: 'An account made with Google or GitHub has no password to change yet',
    exampleDetail:
      'This account signs in with a social provider. Set a password with POST /auth/forgot-password.',
  }),
  accountSuspended: new ProblemType<{ reason: string | null; suspendedUntil: string | null }>({
    slug: 'account-suspended',
    // The community writes' account-suspended has no members; this one says why and until when.
    schemaName: 'AccountSuspendedSignInProblem',
    status: HttpStatus.FORBIDDEN,
    title: 'Account suspended',
    description:
      'An admin suspended the account: signing in and refreshing are refused until the suspension ends (docs/admin.md)',
    exampleDetail: 'This account is suspended until 2026-12-24T00:00:00.000Z: repeated spam.',
    members: {
      reason: { type: 'string', nullable: true, required: true, example: 'repeated spam' },
      suspendedUntil: {
        type: 'string',
        format: 'date-time',
        nullable: true,
        required: true,
        example: '2026-12-24T00:00:00.000Z',
        description: 'When the suspension ends by itself; null: until an admin lifts it',
      },
    },
  }),
} as const;
