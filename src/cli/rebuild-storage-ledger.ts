/**
 * `npm run storage:rebuild-ledger`: walks every stored file once and makes the storage usage
 * ledger match it (files stored before the ledger existed, or left uncounted by a process that
 * died between a driver call and its ledger write; docs/storage.md, "Usage ledger"). Idempotent,
 * safe while the API and workers run. Boots only config, database and storage.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { AppConfigModule } from '../config/config.module';
import { loadConfigOrExit } from '../config/load-config';
import { DatabaseModule } from '../infrastructure/database/database.module';
import { MeteredStorage } from '../infrastructure/storage/metered-storage';
import { StorageModule } from '../infrastructure/storage/storage.module';
import { runInContext } from './run-in-context';

async function main(): Promise<void> {
  const config = loadConfigOrExit();

  @Module({ imports: [AppConfigModule.forRoot(config, 'api'), DatabaseModule, StorageModule] })
  class RebuildStorageLedgerModule {}

  await runInContext(RebuildStorageLedgerModule, async (app) => {
    const started = Date.now();
    const usage = await app.get(MeteredStorage).rebuildLedger();
    console.log(
      `storage ledger rebuilt: ${usage.objects} object(s), ${usage.bytes} byte(s), in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
}

void main();
