import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AppConfig } from '../../config/app-config';
import { bodyParserErrors } from '../errors/body-parser-errors';
import { MetricsService } from '../../infrastructure/metrics/metrics.service';
import { setupOpenApi } from '../swagger/openapi';
import { API_PREFIX } from './api-path';
import { JSON_MEDIA_TYPES, limitJsonDepth, onlyJsonBodies } from './json-body';
import { RequestContext } from './request-context';

/** Served at the root for ops, outside the versioned API. */
export const ROOT_ROUTES = ['health/live', 'health/ready', 'metrics'];

/**
 * Express-level set-up shared by main.ts and the e2e tests. Order matters: the request id
 * first, then the body (JSON only, within the size and nesting limits), then the async
 * request context.
 */
export function configureHttpApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.set('trust proxy', config.http.trustProxyHops);
  express.use(RequestContext.assignId);
  express.use(onlyJsonBodies);
  express.useBodyParser('json', { limit: config.http.bodyLimit, type: JSON_MEDIA_TYPES });
  express.use(limitJsonDepth);
  express.use(bodyParserErrors);
  express.use(RequestContext.bind);
  express.use(app.get(MetricsService).httpMiddleware);
  express.use(helmet());
  express.enableCors({
    origin: config.http.corsOrigins === '*' ? true : config.http.corsOrigins,
    credentials: true,
    exposedHeaders: ['x-request-id', 'retry-after', 'location'],
    maxAge: 600,
  });
  express.setGlobalPrefix(API_PREFIX, { exclude: ROOT_ROUTES });
  express.enableShutdownHooks();
  if (config.http.swaggerEnabled) setupOpenApi(express, config);
}
