import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { OutboxCommitSubscriber } from '../events/outbox-wake-up';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The single definition of how FitAI talks to PostgreSQL, used by the application
 * (TypeOrmModule) and by the TypeORM CLI (ormconfig.ts). Globs match both ts (dev, tests)
 * and the compiled js in dist/.
 */
export function buildDataSourceOptions(options: {
  url: string;
  poolSize?: number;
  applicationName?: string;
}): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: [join(ROOT, 'src', 'modules', '**', '*.entity.{ts,js}')],
    migrations: [join(ROOT, 'migrations', '*.{ts,js}')],
    // Wakes the outbox relay after a transaction that wrote domain events commits.
    subscribers: [OutboxCommitSubscriber],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into PostgreSQL 13+; extensions are created by migrations.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    applicationName: options.applicationName ?? 'fitai',
    extra: {
      max: options.poolSize ?? 10,
      // Fail fast instead of hanging when PostgreSQL is unreachable; readiness reports it.
      connectionTimeoutMillis: 5_000,
      statement_timeout: 30_000,
    },
  };
}
