/** A key no driver accepts: the caller built it wrong (or from input it should not trust). */
export class InvalidStorageKeyError extends Error {
  constructor(key: string, reason: string) {
    super(`Invalid storage key ${JSON.stringify(key.slice(0, 200))}: ${reason}`);
    this.name = 'InvalidStorageKeyError';
  }
}

export const MAX_STORAGE_KEY_LENGTH = 512;

/**
 * One segment: letters, digits, `.`, `_`, `-`, starting with a letter or a digit. So no `..`,
 * no empty segment, no absolute path, no backslash and no dot-file: the filesystem driver keeps
 * its own files (metadata, uploads in progress) under dot-names no key can take.
 */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Keys are the same for every driver: `/`-separated segments (see SEGMENT), at most 512
 * characters. Throws an InvalidStorageKeyError otherwise.
 */
export function assertValidStorageKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) {
    throw new InvalidStorageKeyError(String(key), 'it is empty');
  }
  if (key.length > MAX_STORAGE_KEY_LENGTH) {
    throw new InvalidStorageKeyError(key, `it is longer than ${MAX_STORAGE_KEY_LENGTH} characters`);
  }
  for (const segment of key.split('/')) {
    if (!SEGMENT.test(segment)) {
      throw new InvalidStorageKeyError(
        key,
        'each /-separated segment must be letters, digits, ".", "_" or "-", starting with a letter or a digit',
      );
    }
  }
}
