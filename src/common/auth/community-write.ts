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
import { RequireVerifiedEmail } from './verified-email.guard';

export const COMMUNITY_WRITE = 'fitai:communityWrite';

/**
 * What the account-standing check needs to know of an account, provided by the module that
 * owns accounts (users) so that this shared code imports no module.
 */
export abstract class AccountStanding {
  /** True when the account is suspended (moderation); unknown accounts are not. */
  abstract isSuspended(userId: string): Promise<boolean>;
}

/**
 * A write to the community (a post, a share, a like, a comment, a friend request): the
 * caller's email must be verified (from the token) and their account not suspended (read from
 * PostgreSQL, so a suspension takes effect at once rather than at the next token refresh).
 */
export const CommunityWrite = () =>
  applyDecorators(
    SetMetadata(COMMUNITY_WRITE, true),
    RequireVerifiedEmail(),
    ApiProblems(Problems.accountSuspended),
  );

/** Global guard (after authentication): refuses community writes of suspended accounts. */
@Injectable()
export class AccountStandingGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly standing: AccountStanding,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const required = this.reflector.getAllAndOverride<boolean>(COMMUNITY_WRITE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required) return true;
    const user = context
      .switchToHttp()
      .getRequest<FastifyRequest & { user?: AuthenticatedUser }>().user;
    if (user && !(await this.standing.isSuspended(user.id))) return true;
    throw Problems.accountSuspended.exception(
      'This account is suspended: it cannot write to the community.',
    );
  }
}
