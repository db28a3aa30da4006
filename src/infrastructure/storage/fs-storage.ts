import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteCounter } from './byte-counter';
import { PutOptions, Storage, StoredObject, StoredObjectInfo } from './storage';
import { assertValidStorageKey, InvalidStorageKeyError } from './storage-key';

const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

interface Metadata {
  contentType: string;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Files under one folder (STORAGE_DIR), a key being a relative path below it. Beside each file
 * `x.webp`, its metadata (content type) in `.x.webp.meta.json`; no key can name a dot-file
 * (storage-key.ts), so keys and these files never collide.
 *
 * A put writes to a temporary file in the same folder and renames it into place, so a reader
 * sees the old object or the new one, never a part of one. Fine for one machine or a shared
 * volume (API and worker); several machines need the S3 driver.
 */
export class FsStorage extends Storage {
  private readonly root: string;

  constructor(dir: string) {
    super();
    this.root = resolve(dir);
  }

  async put(key: string, body: Buffer | Readable, options: PutOptions): Promise<StoredObjectInfo> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = join(dirname(path), `.${basename(path)}.${randomUUID()}.tmp`);
    const counter = new ByteCounter();
    try {
      const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
      await pipeline(source, counter, createWriteStream(temporary, { flags: 'wx' }));
      await this.writeMetadata(path, { contentType: options.contentType });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { key, size: counter.bytes, contentType: options.contentType };
  }

  async get(key: string): Promise<StoredObject | null> {
    const path = this.pathOf(key);
    let handle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    try {
      const [{ size }, metadata] = await Promise.all([handle.stat(), this.readMetadata(path)]);
      return { key, size, contentType: metadata.contentType, body: handle.createReadStream() };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    const path = this.pathOf(key);
    try {
      const [{ size }, metadata] = await Promise.all([stat(path), this.readMetadata(path)]);
      return { key, size, contentType: metadata.contentType };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await rm(path, { force: true });
    await rm(this.metadataPath(path), { force: true });
  }

  async *list(prefix?: string): AsyncIterable<StoredObjectInfo> {
    const start = prefix ? this.pathOf(prefix) : this.root;
    yield* this.walk(start);
  }

  /** Files below `dir`, depth first, without the dot-files (metadata, uploads in progress). */
  private async *walk(dir: string): AsyncIterable<StoredObjectInfo> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        yield* this.walk(path);
      } else if (entry.isFile()) {
        const key = path.slice(this.root.length + 1).split(sep).join('/');
        const info = await this.head(key);
        if (info) yield info;
      }
    }
  }

  /** The file of a key, checked to be below the root whatever the key says. */
  private pathOf(key: string): string {
    assertValidStorageKey(key);
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) {
      throw new InvalidStorageKeyError(key, 'it points outside the storage folder');
    }
    return path;
  }

  private metadataPath(path: string): string {
    return join(dirname(path), `.${basename(path)}.meta.json`);
  }

  private async writeMetadata(path: string, metadata: Metadata): Promise<void> {
    const target = this.metadataPath(path);
    const temporary = `${target}.${randomUUID()}.tmp`;
    await writeFile(temporary, JSON.stringify(metadata), { flag: 'wx' });
    await rename(temporary, target);
  }

  /** A file without metadata (copied in by hand) is served as bytes. */
  private async readMetadata(path: string): Promise<Metadata> {
    try {
      const metadata = JSON.parse(await readFile(this.metadataPath(path), 'utf8')) as Metadata;
      return { contentType: metadata.contentType || DEFAULT_CONTENT_TYPE };
    } catch (error) {
      if (isMissing(error)) return { contentType: DEFAULT_CONTENT_TYPE };
      throw error;
    }
  }
}
