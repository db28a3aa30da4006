import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Where a request came from; stored with a session so users can recognise it later. */
export interface ClientInfo {
  userAgent?: string;
  /** The client's address, behind TRUST_PROXY_HOPS proxies. */
  ip?: string;
}

/** The calling client's user agent and address, as a handler parameter. */
export const Client = createParamDecorator((_data: unknown, ctx: ExecutionContext): ClientInfo => {
  const req = ctx.switchToHttp().getRequest<FastifyRequest>();
  return { userAgent: req.headers['user-agent'], ip: req.ip };
});
