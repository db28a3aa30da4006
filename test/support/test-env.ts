/** Values the global setup decides once per run and passes to every test worker via env. */
export const TEST_ENV = {
  databaseUrl: 'FITAI_TEST_DATABASE_URL',
  adminUrl: 'FITAI_TEST_ADMIN_URL',
  redisUrl: 'FITAI_TEST_REDIS_URL',
  redisPrefix: 'FITAI_TEST_REDIS_PREFIX',
} as const;

export function testEnv(key: keyof typeof TEST_ENV): string {
  const value = process.env[TEST_ENV[key]];
  if (!value)
    throw new Error(`${TEST_ENV[key]} is not set: run the tests through jest (global setup)`);
  return value;
}

/** The URL of another database on the same server. */
export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}
