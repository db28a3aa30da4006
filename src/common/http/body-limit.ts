import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';

/**
 * A route's own body limit, above or below the server's BODY_LIMIT: for the few routes whose
 * bodies are legitimately larger (a set of pose keypoints). Over it is the usual 413
 * `payload-too-large`. Needs applyRouteBodyLimits on the server.
 */
export const BodyLimit = (bytes: number) => RouteConfig({ bodyLimit: bytes });

/** Fastify reads a route's `bodyLimit` option when the route is added; this sets it from @BodyLimit. */
export function applyRouteBodyLimits(fastify: FastifyInstance): void {
  fastify.addHook('onRoute', (route) => {
    const limit = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof limit === 'number') route.bodyLimit = limit;
  });
}
