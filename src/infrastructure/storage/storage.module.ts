import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { FsStorage } from './fs-storage';
import { S3Storage } from './s3-storage';
import { Storage } from './storage';

/** The driver STORAGE_DRIVER names: fs (the default, STORAGE_DIR) or s3. */
export function createStorage(config: AppConfig): Storage {
  return config.storage.driver === 's3'
    ? new S3Storage(config.storage.s3)
    : new FsStorage(config.storage.dir);
}

/** Files for every module (avatars, later reports and exports): inject `Storage`. */
@Global()
@Module({
  providers: [{ provide: Storage, inject: [AppConfig], useFactory: createStorage }],
  exports: [Storage],
})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(Storage) private readonly storage: Storage) {}

  onApplicationShutdown(): void {
    if (this.storage instanceof S3Storage) this.storage.close();
  }
}
