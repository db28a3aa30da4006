import type { Readable } from 'node:stream';

/** What a stored object is, without its bytes. */
export interface StoredObjectInfo {
  key: string;
  /** Bytes. */
  size: number;
  /** The media type given when it was put. */
  contentType: string;
}

/** A stored object and a stream of its bytes (read it to the end, or destroy it). */
export interface StoredObject extends StoredObjectInfo {
  body: Readable;
}

export interface PutOptions {
  contentType: string;
}

/**
 * Where files live (avatars now; reports and data exports later): a flat namespace of keys such
 * as `avatars/<userId>/<digest>-256.webp` (rules in storage-key.ts). Injected by this class;
 * StorageModule picks the driver from STORAGE_DRIVER: the local filesystem (FsStorage) or an
 * S3-compatible service (S3Storage). Bytes go in and out as streams, so a driver never needs a
 * whole file in memory; a Buffer is accepted for what is already in memory.
 *
 * Every method refuses an invalid key with an InvalidStorageKeyError before touching anything.
 */
export abstract class Storage {
  /** Stores (or replaces) the object; resolves once it is durably written. */
  abstract put(
    key: string,
    body: Buffer | Readable,
    options: PutOptions,
  ): Promise<StoredObjectInfo>;

  /** The object with a stream of its bytes, or null when there is none. */
  abstract get(key: string): Promise<StoredObject | null>;

  /** What the object is, or null when there is none. */
  abstract head(key: string): Promise<StoredObjectInfo | null>;

  /**
   * The object's bytes, whole, or null when there is none: for a caller that needs the file in
   * memory anyway (a bounded upload to parse, a PDF to attach to an email).
   */
  async read(key: string): Promise<Buffer | null> {
    const object = await this.get(key);
    if (!object) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of object.body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== null;
  }

  /** Removes the object; removing one that is not there is not an error. */
  abstract delete(key: string): Promise<void>;

  /**
   * Every object whose key starts with `prefix` (a key, `/`-separated segments: the objects
   * below it), in pages read as iterated: a user's files for deletion, sizes for ops. Without a
   * prefix, every object.
   */
  abstract list(prefix?: string): AsyncIterable<StoredObjectInfo>;
}
