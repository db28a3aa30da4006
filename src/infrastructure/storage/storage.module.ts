import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { FsStorage } from './fs-storage';
import { MeteredStorage } from './metered-storage';
import { S3Storage } from './s3-storage';
import { Storage } from './storage';

/** The driver STORAGE_DRIVER names: fs (the default, STORAGE_DIR) or s3. */
export function createStorage(config: AppConfig): Storage {
  return config.storage.driver === 's3'
    ? new S3Storage(config.storage.s3)
    : new FsStorage(config.storage.dir);
}

/**
 * Files for every module (avatars, reports, exports): inject `Storage`, the driver with its
 * usage ledger (MeteredStorage, also injectable by that name for the figures).
 */
@Global()
@Module({
  providers: [
    {
      provide: MeteredStorage,
      inject: [AppConfig, getDataSourceToken()],
      useFactory: (config: AppConfig, db: DataSource) =>
        new MeteredStorage(createStorage(config), db),
    },
    { provide: Storage, useExisting: MeteredStorage },
  ],
  exports: [Storage, MeteredStorage],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(MeteredStorage) private readonly storage: MeteredStorage) {}

  onApplicationShutdown(): void {
    if (this.storage.driver instanceof S3Storage) this.storage.driver.close();
  }
}
