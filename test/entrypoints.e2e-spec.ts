import { DataSource } from 'typeorm';
import { MeteredStorage } from '../src/infrastructure/storage/metered-storage';
import { UsersService } from '../src/modules/users/users.service';
import { spawnEntry } from './support/child-process';
import {
  registerUser,
  startApi,
  TestApi,
  testConfig,
  testEnvironmentVariables,
} from './support/test-app';
import { testEnv } from './support/test-env';

/** Runs an entrypoint the way ops would, with the given environment, and collects its exit. */
function run(
  entry: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawnEntry(entry, env, args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
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

describe('npm run user:promote (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi(testConfig());
  });
  afterAll(() => api.close());

  it('grants the admin role to an existing account, case-insensitively', async () => {
    const user = await registerUser(api.http);
    const { code, stdout } = await run(
      'src/cli/promote-user.ts',
      { DATABASE_URL: testEnv('databaseUrl') },
      [user.email.toUpperCase()],
    );
    expect(code).toBe(0);
    expect(stdout).toContain(`${user.email} is now an admin`);
    const [row] = await api.app
      .get(DataSource)
      .query('SELECT role FROM users WHERE id = $1', [user.id]);
    expect(row.role).toBe('admin');
    expect((await api.app.get(UsersService).findById(user.id))?.role).toBe('admin');
  });

  it('exits 1 with a message for an unknown email, and 2 without an argument', async () => {
    const unknown = await run('src/cli/promote-user.ts', { DATABASE_URL: testEnv('databaseUrl') }, [
      'nobody-here@example.com',
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No account with the email nobody-here@example.com.');
    const missing = await run('src/cli/promote-user.ts', { DATABASE_URL: testEnv('databaseUrl') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Usage: npm run user:promote -- someone@example.com');
  });
});

describe('npm run storage:rebuild-ledger (e2e)', () => {
  it('counts a file the ledger never saw and forgets one that is gone', async () => {
    const env = testEnvironmentVariables();
    const api = await startApi(testConfig(env));
    try {
      const storage = api.app.get(MeteredStorage);
      const before = await storage.usage();
      // Written around the ledger, as by a release before it existed.
      await storage.driver.put('reports/ledger-cli/old.pdf', Buffer.alloc(321), {
        contentType: 'application/pdf',
      });
      await storage.put('reports/ledger-cli/gone.pdf', Buffer.alloc(50), {
        contentType: 'application/pdf',
      });
      await storage.driver.delete('reports/ledger-cli/gone.pdf');
      expect(await storage.usage()).toEqual({
        objects: before.objects + 1,
        bytes: before.bytes + 50,
      });

      const { code, stdout, stderr } = await run('src/cli/rebuild-storage-ledger.ts', env);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const expected = { objects: before.objects + 1, bytes: before.bytes + 321 };
      expect(stdout).toContain(
        `storage ledger rebuilt: ${expected.objects} object(s), ${expected.bytes} byte(s)`,
      );
      expect(await storage.usage()).toEqual(expected);
    } finally {
      await api.close();
    }
  });
});
