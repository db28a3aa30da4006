import { loadConfig } from '../../config/load-config';
import { FsStorage } from './fs-storage';
import { S3Storage } from './s3-storage';
import { createStorage } from './storage.module';

describe('storage configuration', () => {
  it('uses the filesystem under the data folder by default', () => {
    const config = loadConfig({ NODE_ENV: 'development' });
    expect(config.storage).toMatchObject({ driver: 'fs', dir: '.data/storage' });
    expect(createStorage(config)).toBeInstanceOf(FsStorage);
  });

  it('uses S3 with STORAGE_DRIVER=s3 and its settings', () => {
    const config = loadConfig({
      NODE_ENV: 'development',
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'fitai-files',
      S3_REGION: 'eu-west-3',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(config.storage.s3).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'fitai-files',
      region: 'eu-west-3',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
    });
    const storage = createStorage(config);
    expect(storage).toBeInstanceOf(S3Storage);
    (storage as S3Storage).close();
  });

  it('refuses to start with a bad driver, S3 without a bucket, or half a key pair', () => {
    expect(() => loadConfig({ NODE_ENV: 'development', STORAGE_DRIVER: 'ftp' })).toThrow(
      /STORAGE_DRIVER/,
    );
    expect(() => loadConfig({ NODE_ENV: 'development', STORAGE_DRIVER: 's3' })).toThrow(
      /S3_BUCKET: is required when STORAGE_DRIVER=s3/,
    );
    expect(() =>
      loadConfig({ NODE_ENV: 'development', S3_BUCKET: 'Not_A_Bucket', S3_ENDPOINT: 'ftp://x' }),
    ).toThrow(
      /S3_BUCKET must be a bucket name[\s\S]*S3_ENDPOINT must be an http\(s\) URL|S3_ENDPOINT[\s\S]*S3_BUCKET/,
    );
    expect(() =>
      loadConfig({
        NODE_ENV: 'development',
        STORAGE_DRIVER: 's3',
        S3_BUCKET: 'b3t',
        S3_ACCESS_KEY_ID: 'k',
      }),
    ).toThrow(/set together or not at all/);
  });
});
