import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

/** Runs an entrypoint the way ops would, with the given environment, and collects its exit. */
function run(
  entry: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register', entry], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://fitai@db.internal:5432/fitai',
  REDIS_URL: 'redis://redis.internal:6379',
  JWT_REFRESH_SECRET: 'r'.repeat(40),
  APP_URL: 'https://api.fitai.example',
  CORS_ORIGINS: 'https://app.fitai.example',
};

describe('entrypoints refuse a bad configuration (e2e)', () => {
  it.each(['src/main.ts', 'src/worker.ts'])(
    '%s exits 1 naming JWT_ACCESS_SECRET when it is missing in production',
    async (entry) => {
      const { code, stderr } = await run(entry, PRODUCTION);
      expect(code).toBe(1);
      expect(stderr).toContain('FitAI cannot start. Invalid configuration:');
      expect(stderr).toContain('JWT_ACCESS_SECRET: is required when NODE_ENV=production');
      expect(stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    },
  );

  it('names every bad variable at once', async () => {
    const { code, stderr } = await run('src/main.ts', {
      ...PRODUCTION,
      JWT_ACCESS_SECRET: 'too-short',
      PORT: 'eighty',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('JWT_ACCESS_SECRET: JWT_ACCESS_SECRET must be at least 32 characters');
    expect(stderr).toContain('PORT:');
  });
});
