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
} as const;
