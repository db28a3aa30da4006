import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { API_PREFIX } from './common/http/api-path';
import { configureHttpApp, createHttpAdapter, ROOT_ROUTES } from './common/http/http-app';
import { buildOpenApiDocument } from './common/swagger/openapi';
import { AppConfig } from './config/app-config';
import { WorkerModule } from './worker.module';

/** Builds the HTTP application (not listening yet). Used by main.ts and the e2e tests. */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config),
    createHttpAdapter(config),
    { bodyParser: false, bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  await configureHttpApp(app, config);
  return app;
}

/** Builds the worker: the same modules plus the queue processors, no HTTP API. */
export async function createWorkerApp(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}

/**
 * The OpenAPI document of the API without running it: the modules are scanned in preview mode
 * (no provider is created, so nothing connects to PostgreSQL or Redis). The same document as
 * the one served at /docs-json (the OpenAPI e2e test compares them).
 */
export async function createApiDocument(config: AppConfig): Promise<OpenAPIObject> {
  const app = await NestFactory.create(ApiModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
    bodyParser: false,
  });
  try {
    app.setGlobalPrefix(API_PREFIX, { exclude: ROOT_ROUTES });
    return buildOpenApiDocument(app, config);
  } finally {
    await app.close();
  }
}
