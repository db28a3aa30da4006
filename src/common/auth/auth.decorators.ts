import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../swagger/api-problems.decorator';
import { AuthenticatedUser, Role } from './roles';

export const IS_PUBLIC = 'fitai:isPublic';
export const REQUIRED_ROLES = 'fitai:roles';

/** Opens a route to anonymous callers. Everything else needs a valid access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** A route (or controller) for signed-in users: bearer auth in Swagger, 401 documented. */
export const Authenticated = () => applyDecorators(ApiBearerAuth(), ApiProblems(401));

/** Restricts a route (or controller) to the given roles; documents 401 and 403. */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(REQUIRED_ROLES, roles), ApiBearerAuth(), ApiProblems(401, 403));

export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthenticatedUser =>
    ctx.switchToHttp().getRequest<FastifyRequest & { user: AuthenticatedUser }>().user,
);
