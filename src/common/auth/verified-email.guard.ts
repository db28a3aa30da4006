import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Problems } from '../errors/problem-types';
import { ApiProblems } from '../swagger/api-problems.decorator';
import { AuthenticatedUser } from './roles';

export const REQUIRES_VERIFIED_EMAIL = 'fitai:requiresVerifiedEmail';

/**
 * For community features (posting, commenting, challenges): the caller's email must be
 * verified. Unverified accounts keep full access to their own data. The claim comes from the
 * access token: after verifying, the app refreshes its tokens to pick it up.
 */
export const RequireVerifiedEmail = () =>
  applyDecorators(
    SetMetadata(REQUIRES_VERIFIED_EMAIL, true),
    ApiProblems(Problems.emailNotVerified),
  );

@Injectable()
export class VerifiedEmailGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<boolean>(REQUIRES_VERIFIED_EMAIL, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required) return true;
    const user = context
      .switchToHttp()
      .getRequest<FastifyRequest & { user?: AuthenticatedUser }>().user;
    if (user?.emailVerified) return true;
    throw Problems.emailNotVerified.exception(
      'Confirm your email address to use community features (see POST /auth/resend-verification).',
    );
  }
}
