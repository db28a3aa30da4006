import { parse } from 'dotenv';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEVELOPMENT_DEFAULTS } from './env.schema';
import { ConfigValidationError, loadConfig } from './load-config';

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://fitai@db:5432/fitai',
  REDIS_URL: 'redis://redis:6379',
  JWT_ACCESS_SECRET: 'a'.repeat(40),
  JWT_REFRESH_SECRET: 'b'.repeat(40),
  APP_URL: 'https://api.fitai.example/',
  CORS_ORIGINS: 'https://app.fitai.example, https://admin.fitai.example',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('loadConfig', () => {
  it('works with no environment at all in development, against localhost', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.http.port).toBe(3000);
    expect(config.worker.port).toBe(3001);
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/fitai');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.queue).toEqual({
      prefix: 'fitai',
      attempts: 5,
      backoffMs: 2000,
      lockMs: 6_000,
      concurrency: 16,
      recurringCheckMs: 30_000,
    });
    expect(config.outbox).toEqual({
      pollMs: 2000,
      batchSize: 200,
      retryMaxMs: 60_000,
      retentionHours: 168,
    });
  });

  it('parses and normalises a complete production environment', () => {
    const config = loadConfig({ ...PRODUCTION, PORT: '8080', SWAGGER_ENABLED: 'false' });
    expect(config.isProduction).toBe(true);
    expect(config.http).toMatchObject({
      port: 8080,
      publicUrl: 'https://api.fitai.example',
      corsOrigins: ['https://app.fitai.example', 'https://admin.fitai.example'],
      swaggerEnabled: false,
    });
  });

  it('requires real secrets and endpoints in production, naming each variable', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    for (const name of [
      'DATABASE_URL',
      'REDIS_URL',
      'JWT_ACCESS_SECRET',
      'JWT_REFRESH_SECRET',
      'APP_URL',
      'CORS_ORIGINS',
    ]) {
      expect(problems).toContain(`${name}: is required when NODE_ENV=production (missing)`);
    }
  });

  it('refuses development secrets, equal secrets and a wildcard CORS in production', () => {
    const dev = loadConfig({});
    const problems = problemsOf({
      ...PRODUCTION,
      JWT_ACCESS_SECRET: dev.auth.accessSecret,
      JWT_REFRESH_SECRET: dev.auth.accessSecret,
      CORS_ORIGINS: '*',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'JWT_ACCESS_SECRET: must not be the development default in production',
        'JWT_REFRESH_SECRET: must differ from JWT_ACCESS_SECRET',
        'CORS_ORIGINS: "*" is not allowed in production; list the origins',
      ]),
    );
  });

  it('reports malformed values with the value it got', () => {
    const problems = problemsOf({ PORT: '70000', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(problems.find((p) => p.startsWith('PORT:'))).toContain('(got 70000)');
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toContain(
      'must be a postgres:// URL',
    );
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toBeDefined();
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).http.port).toBe(3000);
  });
});

describe('.env.example', () => {
  it('lists every variable the application reads', () => {
    const example = readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    const read = [...Object.keys(DEVELOPMENT_DEFAULTS), 'APP_VERSION'];
    expect(read.filter((name) => !listed.has(name))).toEqual([]);
  });

  it('means the same read by dotenv and sourced by a POSIX shell (`set -a; . ./.env.example`)', () => {
    const file = join(__dirname, '..', '..', '.env.example');
    const dotenv = parse(readFileSync(file));
    const shell = spawnSync(
      'sh',
      ['-c', `set -a; . "$0"; node -e 'process.stdout.write(JSON.stringify(process.env))'`, file],
      { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' },
    );
    expect(shell.stderr).toBe('');
    const sourced = JSON.parse(shell.stdout) as Record<string, string>;
    expect(Object.keys(dotenv).length).toBeGreaterThan(40);
    for (const [name, value] of Object.entries(dotenv)) {
      expect({ name, value: sourced[name] }).toEqual({ name, value });
    }
  });
});
