import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';

/** The problems of social sign-in (docs/social-sign-in.md). */
export const OAuthProblems = {
  invalidState: new ProblemType({
    slug: 'invalid-state',
    status: HttpStatus.BAD_REQUEST,
    title: 'Invalid sign-in state',
    description: 'The `state` of a callback is missing, unknown, expired or used',
    exampleDetail:
      'The sign-in state is missing, unknown, expired or already used. Start the sign-in again.',
  }),
  invalidCode: new ProblemType({
    slug: 'invalid-code',
    status: HttpStatus.BAD_REQUEST,
    title: 'Invalid sign-in code',
    description: 'The one-time code is unknown, expired or used, or its PKCE verifier is wrong',
    exampleDetail: 'The code is unknown, expired or already used. Start the sign-in again.',
  }),
  providerNotConfigured: new ProblemType({
    slug: 'provider-not-configured',
    status: HttpStatus.NOT_FOUND,
    title: 'Provider not configured',
    description: 'The server has no credentials for this provider',
    exampleDetail: 'Google sign-in is not configured on this server.',
  }),
  redirectUriNotAllowed: new ProblemType({
    slug: 'redirect-uri-not-allowed',
    status: HttpStatus.BAD_REQUEST,
    title: 'Redirect URI not allowed',
    description: '`redirect_uri` is not under an entry of OAUTH_REDIRECT_ALLOWLIST',
    exampleDetail: 'redirect_uri is not in the allowlist.',
  }),
} as const;
