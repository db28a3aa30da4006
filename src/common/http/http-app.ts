import helmet from '@fastify/helmet';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config';
import { ROOT_LOGGER } from '../../infrastructure/logging/logging.module';
import { RequestLog } from '../../infrastructure/logging/request-log';
import { MetricsService } from '../../infrastructure/metrics/metrics.service';
import { RedisIoAdapter } from '../../infrastructure/realtime/redis-io.adapter';
import { ProblemDetailsFilter } from '../errors/problem-details.filter';
import { setupOpenApi } from '../swagger/openapi';
import { API_PREFIX } from './api-path';
import { acceptRequestBodies } from './request-bodies';
import { RequestContext } from './request-context';

/** Served at the root for ops, outside the versioned API. */
export const ROOT_ROUTES = ['health/live', 'health/ready', 'metrics'];

/** The HTTP server: fastify, with the options that must be set when it is created. */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  const problems = new ProblemDetailsFilter();
  return new FastifyAdapter({
    bodyLimit: config.http.bodyLimitBytes,
    trustProxy: config.http.trustProxyHops,
    genReqId: RequestContext.idFor,
    routerOptions: {
      // Path parameters of any length reach validation (a clear 400), as the URL's own limit
      // (Node's 16 KiB of request head) allows; fastify's default answers 414 beyond 100.
      maxParamLength: 16 * 1024,
      // `/entries/` is `/entries`, as clients (and the previous server) expect.
      ignoreTrailingSlash: true,
    },
    // Errors before routing (a URL that does not decode): problem+json like every other.
    frameworkErrors: (error: FastifyError, req: FastifyRequest, reply: FastifyReply) =>
      problems.respond(error, req, reply),
    // Idle keep-alive connections are closed on shutdown; requests in flight finish first.
    forceCloseConnections: 'idle',
  });
}

/**
 * Server set-up shared by main.ts and the e2e tests, before the routes are registered (so
 * every hook applies to them): the request id first, then JSON-only bodies (size and nesting
 * limits, problem+json for each failure), multipart for the upload routes only, the async
 * request context, metrics and the request log, security headers, CORS.
 */
export async function configureHttpApp(
  app: NestFastifyApplication,
  config: AppConfig,
): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  RequestContext.register(fastify);
  await acceptRequestBodies(app);
  fastify.addHook('onResponse', app.get(MetricsService).observeRequest);
  RequestLog.register(fastify, app.get(ROOT_LOGGER));
  await app.register(helmet);
  app.enableCors({
    origin: config.http.corsOrigins === '*' ? true : config.http.corsOrigins,
    credentials: true,
    exposedHeaders: ['x-request-id', 'retry-after', 'location'],
    maxAge: 600,
  });
  app.setGlobalPrefix(API_PREFIX, { exclude: ROOT_ROUTES });
  // socket.io on the same server and port (docs/realtime.md).
  app.useWebSocketAdapter(new RedisIoAdapter(app, config));
  app.enableShutdownHooks();
  if (config.http.swaggerEnabled) setupOpenApi(app, config);
}
