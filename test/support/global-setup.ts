import { join } from 'node:path';
import { runMigrations } from '../../src/infrastructure/database/migrate';
import { seedExerciseLibrary } from '../../src/modules/exercises/exercise-seeder';
import { createDatabase } from './database';
import { databaseUrl, TEST_ENV } from './test-env';

/**
 * Once per run: a fresh database migrated with the real migrations and seeded with the
 * exercise library, and a Redis key prefix
 * of its own. Test workers inherit these through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const adminUrl =
    process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const name = `fitai_test_${runId}`;
  await createDatabase(adminUrl, name);
  const url = databaseUrl(adminUrl, name);
  await runMigrations(url);
  // The shipped exercise library, as `npm run seed` loads it: templates and workouts need it.
  await seedExerciseLibrary(url, join(__dirname, '..', '..', 'data', 'exercises.json'));

  process.env[TEST_ENV.adminUrl] = adminUrl;
  process.env[TEST_ENV.databaseUrl] = url;
  process.env[TEST_ENV.redisUrl] = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  process.env[TEST_ENV.redisPrefix] = `fitai-test-${runId}`;
}
