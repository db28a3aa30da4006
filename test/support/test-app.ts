import { INestApplicationContext, Provider } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { createApiApp } from '../../src/bootstrap';
import { buildOpenApiDocument } from '../../src/common/swagger/openapi';
import { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { MailTransport } from '../../src/infrastructure/mail/mail-transport';
import { UsersService } from '../../src/modules/users/users.service';
import { WorkerModule } from '../../src/worker.module';
import { OpenApiContract } from './contract/openapi-contract';
import { recordResponses } from './contract/response-recorder';
import { testEnv } from './test-env';

/**
 * Configuration for one test file: the file's database, and a Redis namespace (queues,
 * throttling, deny-list) of its own so files running in parallel never see each other's jobs.
 */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig(testEnvironmentVariables(overrides));
}

/** The environment testConfig reads: for a child process that must share a test's config. */
export function testEnvironmentVariables(
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: testEnv('databaseUrl'),
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: testEnv('redisUrl'),
    QUEUE_PREFIX: `${testEnv('redisPrefix')}-${randomUUID().slice(0, 8)}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MAIL_DIR: mkdtempSync(join(tmpdir(), 'fitai-mail-')),
    STORAGE_DIR: mkdtempSync(join(tmpdir(), 'fitai-storage-')),
    THROTTLE_LIMIT: '100000',
    THROTTLE_AUTH_LIMIT: '100000',
    JOB_BACKOFF_MS: '50',
    ...overrides,
  };
}

export interface TestApi {
  app: NestFastifyApplication;
  http: App;
  /** Every route the server registered, as "METHOD /path/:param". */
  routes: string[];
  config: AppConfig;
  close(): Promise<void>;
}

let contract: OpenApiContract | undefined;

/**
 * The real API application over supertest (no port needed). Every answer it sends is checked
 * against its own OpenAPI document (test/support/contract): one that breaks it fails the test.
 */
export async function startApi(config: AppConfig = testConfig()): Promise<TestApi> {
  const app = await createApiApp(config);
  // The document depends on the code only, so one contract serves every app of the file.
  contract ??= new OpenApiContract(buildOpenApiDocument(app, config));
  recordResponses(app.getHttpServer(), contract);
  const routes: string[] = [];
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push(`${method} ${route.url}`);
  });
  await app.init();
  // Fastify takes requests once its plugins are loaded (listen() waits for this itself).
  await fastify.ready();
  return { app, http: app.getHttpServer() as App, routes, config, close: () => app.close() };
}

/**
 * The real worker: WorkerModule with its processors, consuming the same queues as the API
 * built from the same config. `mailTransport` replaces the transport with a test double;
 * `providers` adds test-only providers (e.g. @OnDomainEvent subscribers that record or throw).
 */
export async function startWorker(
  config: AppConfig,
  options: { mailTransport?: MailTransport; providers?: Provider[] } = {},
): Promise<INestApplicationContext> {
  let builder = Test.createTestingModule({
    imports: [WorkerModule.forRoot(config)],
    providers: options.providers ?? [],
  });
  if (options.mailTransport) {
    builder = builder.overrideProvider(MailTransport).useValue(options.mailTransport);
  }
  const moduleRef = await builder.compile();
  moduleRef.useLogger(moduleRef.get(Logger));
  return moduleRef.init();
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

let userCounter = 0;

export function uniqueEmail(label = 'user'): string {
  userCounter += 1;
  return `${label}-${randomUUID().slice(0, 8)}-${userCounter}@test.fitai.dev`;
}

/** Registers a fresh account through the API. */
export async function registerUser(
  http: App,
  fields: { email?: string; password?: string; displayName?: string } = {},
): Promise<TestUser> {
  const email = fields.email ?? uniqueEmail();
  const password = fields.password ?? 'correct horse battery';
  const res = await request(http)
    .post('/api/v1/auth/register')
    .send({ email, password, ...(fields.displayName ? { displayName: fields.displayName } : {}) })
    .expect(201);
  return {
    id: res.body.user.id,
    email: res.body.user.email,
    password,
    accessToken: res.body.accessToken,
    refreshToken: res.body.refreshToken,
  };
}

/** A fresh user promoted to admin, with an access token that carries the role. */
export async function registerAdmin(api: TestApi): Promise<TestUser> {
  const registered = await registerUser(api.http);
  await api.app.get(UsersService).promoteToAdmin(registered.email);
  const login = await request(api.http)
    .post('/api/v1/auth/login')
    .send({ email: registered.email, password: registered.password })
    .expect(200);
  return { ...registered, accessToken: login.body.accessToken };
}

/** Polls until `check` returns a value (not undefined) or the timeout passes. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
