import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface TestS3Server {
  endpoint: string;
  bucket: string;
  /** The configuration (environment variables) of an app storing in it. */
  storageEnv: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * A real S3-compatible server for a test: s3rver on a free port of 127.0.0.1, one bucket, its
 * data in a temporary folder removed by stop(). It takes any credentials.
 */
export async function startS3Server(bucket = 'fitai-test'): Promise<TestS3Server> {
  const dir = mkdtempSync(join(tmpdir(), 'fitai-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    storageEnv: {
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    },
    stop: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
