import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';

/** Any constant: every FitAI migrator takes the same PostgreSQL advisory lock. */
const MIGRATION_LOCK_KEY = 4_711_2024;

/**
 * Runs pending migrations while holding a session-level advisory lock, so two replicas
 * starting at once never migrate concurrently; the second waits and then finds nothing to do.
 */
export async function runMigrations(databaseUrl: string): Promise<string[]> {
  // Pool of 3: one connection holds the lock while runMigrations takes its own.
  const dataSource = new DataSource({
    ...buildDataSourceOptions({ url: databaseUrl, poolSize: 3, applicationName: 'fitai-migrate' }),
    logging: ['error', 'warn', 'migration'],
  });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}
