import { Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { PutOptions, Storage, StoredObject, StoredObjectInfo } from './storage';

/** What is stored in all: objects and bytes. */
export interface StorageUsage {
  objects: number;
  bytes: number;
}

/**
 * A driver with a usage ledger in PostgreSQL (docs/storage.md, "Usage ledger"): every put
 * records the object's key and size in `stored_objects`, every delete removes it, and a trigger
 * keeps the one-row total `storage_usage`, so the storage used is one primary-key read however
 * many files there are (GET /admin/stats used to walk them all).
 *
 * The ledger is written after the driver succeeded: a process dying in between, or a ledger write
 * that fails, leaves an object the ledger does not count (or counts after its deletion) until
 * `rebuildLedger` runs. A failed ledger write is logged, never the caller's failure: the file
 * itself was stored (or deleted).
 */
export class MeteredStorage extends Storage {
  private readonly logger = new Logger('StorageLedger');

  constructor(
    readonly driver: Storage,
    private readonly db: DataSource,
  ) {
    super();
  }

  async put(key: string, body: Buffer | Readable, options: PutOptions): Promise<StoredObjectInfo> {
    const stored = await this.driver.put(key, body, options);
    await this.record(stored).catch((error: unknown) => this.ledgerFailed(key, error));
    return stored;
  }

  get(key: string): Promise<StoredObject | null> {
    return this.driver.get(key);
  }

  head(key: string): Promise<StoredObjectInfo | null> {
    return this.driver.head(key);
  }

  async delete(key: string): Promise<void> {
    await this.driver.delete(key);
    await this.db
      .query(`DELETE FROM stored_objects WHERE key = $1`, [key])
      .catch((error: unknown) => this.ledgerFailed(key, error));
  }

  list(prefix?: string): AsyncIterable<StoredObjectInfo> {
    return this.driver.list(prefix);
  }

  /** Objects and bytes stored, from the running total (one row). */
  async usage(): Promise<StorageUsage> {
    const [row]: { objects: string; bytes: string }[] = await this.db.query(
      `SELECT objects, bytes FROM storage_usage`,
    );
    // bigint arrives as text; a total beyond 2^53 bytes (8 PiB) is not a concern here.
    return { objects: Number(row?.objects ?? 0), bytes: Number(row?.bytes ?? 0) };
  }

  /**
   * Makes the ledger match the driver's listing (files stored before the ledger existed, or
   * left behind by a crash between a driver call and its ledger write): walks every object once.
   * For ops, not for requests. While the API and workers run: a row written during the walk
   * (a put the walk had passed) is kept, since only rows older than the walk are dropped; a file
   * deleted during the walk after the walk saw it may stay counted until the next rebuild.
   */
  async rebuildLedger(): Promise<StorageUsage> {
    const [{ started }]: { started: Date }[] = await this.db.query(`SELECT now() AS started`);
    const seen = new Set<string>();
    for await (const object of this.driver.list()) {
      seen.add(object.key);
      await this.record(object);
    }
    const recorded: { key: string }[] = await this.db.query(
      `SELECT key FROM stored_objects WHERE stored_at < $1`,
      [started],
    );
    const gone = recorded.map(({ key }) => key).filter((key) => !seen.has(key));
    if (gone.length) {
      await this.db.query(`DELETE FROM stored_objects WHERE key = ANY($1) AND stored_at < $2`, [
        gone,
        started,
      ]);
    }
    return this.usage();
  }

  private ledgerFailed(key: string, error: unknown): void {
    this.logger.warn({ err: error, key }, 'storage ledger not updated; rebuildLedger mends it');
  }

  /** The object's size now (a replaced object's new size), stamped now (see rebuildLedger). */
  private async record({ key, size }: Pick<StoredObjectInfo, 'key' | 'size'>): Promise<void> {
    await this.db.query(
      `INSERT INTO stored_objects (key, size) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET size = EXCLUDED.size, stored_at = now()`,
      [key, size],
    );
  }
}
