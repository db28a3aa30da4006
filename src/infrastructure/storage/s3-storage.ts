import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteCounter } from './byte-counter';
import { PutOptions, Storage, StoredObject, StoredObjectInfo } from './storage';
import { assertValidStorageKey } from './storage-key';

export interface S3StorageOptions {
  /** An S3-compatible endpoint (MinIO, R2, s3rver...); null for AWS itself. */
  endpoint: string | null;
  bucket: string;
  region: string;
  /** Both null: the SDK's default credential chain (environment, instance role...). */
  accessKeyId: string | null;
  secretAccessKey: string | null;
}

const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** S3's "no such object" (a 404; GetObject names it NoSuchKey, HeadObject NotFound). */
function isMissing(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NoSuchKey' || name === 'NotFound' || $metadata?.httpStatusCode === 404;
}

/**
 * Objects in one bucket of an S3-compatible service; the key is the object key. The bucket is
 * made by ops, not by the application.
 */
export class S3Storage extends Storage {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3StorageOptions) {
    super();
    this.bucket = options.bucket;
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      // Bucket in the path, not in the host name: what S3-compatible servers expect.
      forcePathStyle: true,
      // Recent SDKs add CRC checksums to every request, which S3-compatible servers other
      // than AWS reject: only where the API requires one.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(options.accessKeyId && options.secretAccessKey
        ? {
            credentials: {
              accessKeyId: options.accessKeyId,
              secretAccessKey: options.secretAccessKey,
            },
          }
        : {}),
    });
  }

  async put(key: string, body: Buffer | Readable, options: PutOptions): Promise<StoredObjectInfo> {
    assertValidStorageKey(key);
    const object = { Bucket: this.bucket, Key: key, ContentType: options.contentType };
    if (Buffer.isBuffer(body)) {
      await this.client.send(
        new PutObjectCommand({ ...object, Body: body, ContentLength: body.length }),
      );
      return { key, size: body.length, contentType: options.contentType };
    }
    // A stream of unknown length: lib-storage sends it in parts (one request when small).
    // pipeline, not pipe(): a source that fails or closes before its end (a dropped upload)
    // fails the counter, hence the upload; a failed upload stops the source.
    const counter = new ByteCounter();
    const feeding = pipeline(body, counter);
    const uploading = new Upload({ client: this.client, params: { ...object, Body: counter } })
      .done()
      .catch((error: unknown) => {
        counter.destroy(error as Error);
        throw error;
      });
    await Promise.all([uploading, feeding]);
    return { key, size: counter.bytes, contentType: options.contentType };
  }

  async get(key: string): Promise<StoredObject | null> {
    assertValidStorageKey(key);
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      return {
        key,
        size: object.ContentLength ?? 0,
        contentType: object.ContentType ?? DEFAULT_CONTENT_TYPE,
        body: object.Body as Readable,
      };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    assertValidStorageKey(key);
    try {
      const object = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: key }),
      );
      return {
        key,
        size: object.ContentLength ?? 0,
        contentType: object.ContentType ?? DEFAULT_CONTENT_TYPE,
      };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidStorageKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async *list(prefix?: string): AsyncIterable<StoredObjectInfo> {
    if (prefix) assertValidStorageKey(prefix);
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          ...(prefix ? { Prefix: `${prefix}/` } : {}),
          ContinuationToken: token,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        // Listing gives no content type; a head per object would cost a round trip each.
        yield { key: object.Key, size: object.Size ?? 0, contentType: DEFAULT_CONTENT_TYPE };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Closes the client's connections (StorageModule calls it on shutdown). */
  close(): void {
    this.client.destroy();
  }
}
