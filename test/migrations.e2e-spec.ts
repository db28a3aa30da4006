import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../src/infrastructure/database/data-source-options';
import { runMigrations } from '../src/infrastructure/database/migrate';
import { createDatabase, dropDatabase } from './support/database';
import { databaseUrl, testEnv } from './support/test-env';

/** A database of its own: reverting migrations must not disturb the other test files. */
describe('migrations (e2e)', () => {
  const name = `fitai_migrations_${Date.now().toString(36)}`;
  let url: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    await createDatabase(testEnv('adminUrl'), name);
    url = databaseUrl(testEnv('adminUrl'), name);
  });
  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await dropDatabase(testEnv('adminUrl'), name);
  });

  it('apply from empty, under the lock, and a second run finds nothing to do', async () => {
    const [first, second] = await Promise.all([runMigrations(url), runMigrations(url)]);
    expect([...first, ...second].length).toBeGreaterThan(0);
    expect(first.length === 0 || second.length === 0).toBe(true);
    await expect(runMigrations(url)).resolves.toEqual([]);
  });

  it('are in step with the entities (generating a migration would yield nothing)', async () => {
    dataSource = await new DataSource(buildDataSourceOptions({ url })).initialize();
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('revert cleanly, down to an empty schema', async () => {
    while ((await dataSource.query('SELECT count(*)::int AS n FROM migrations'))[0].n > 0) {
      await dataSource.undoLastMigration({ transaction: 'each' });
    }
    const tables = await dataSource.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'",
    );
    expect(tables).toEqual([]);
  });
});
