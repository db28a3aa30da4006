/**
 * `npm run migrate` (from the build): applies pending migrations under a PostgreSQL advisory
 * lock. The compose file's one-shot `migrate` service runs exactly this.
 */
import 'reflect-metadata';
import { loadConfigOrExit } from '../config/load-config';
import { runMigrations } from '../infrastructure/database/migrate';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const applied = await runMigrations(config.database.url);
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
      : 'Database is up to date.',
  );
}

main().catch((error: unknown) => {
  console.error('Migration failed:', error);
  process.exit(1);
});
