import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { TestEnvironment } from 'jest-environment-node';
import { randomUUID } from 'node:crypto';
import { dropDatabase, withAdminClient } from './database';
import { databaseUrl, TEST_ENV } from './test-env';

/**
 * Each e2e file gets a database of its own, copied from the run's migrated and seeded one
 * (CREATE DATABASE … TEMPLATE, a file copy). Workers relay the domain events of their
 * database, so two files running at once never handle each other's events; and no file sees
 * another's rows. Unit specs get no database.
 */
export default class DatabasePerFileEnvironment extends TestEnvironment {
  private readonly needsDatabase: boolean;
  private database?: string;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.needsDatabase = context.testPath.endsWith('.e2e-spec.ts');
  }

  override async setup(): Promise<void> {
    await super.setup();
    if (!this.needsDatabase) return;
    const adminUrl = process.env[TEST_ENV.adminUrl]!;
    const template = new URL(process.env[TEST_ENV.databaseUrl]!).pathname.slice(1);
    const name = `${template}_${randomUUID().slice(0, 8)}`;
    await withAdminClient(adminUrl, (client) =>
      client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`),
    );
    this.database = name;
    this.global.process.env[TEST_ENV.databaseUrl] = databaseUrl(adminUrl, name);
  }

  override async teardown(): Promise<void> {
    if (this.database) await dropDatabase(process.env[TEST_ENV.adminUrl]!, this.database);
    await super.teardown();
  }
}
