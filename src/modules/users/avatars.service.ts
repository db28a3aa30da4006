import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { Storage } from '../../infrastructure/storage/storage';
import { processAvatar } from './avatar-image';
import { AVATAR_DIGEST_PATTERN, AVATAR_PIXELS, AvatarSize } from './avatar.vocabulary';
import { UsersRepository } from './users.repository';

/** One avatar file to serve. */
export interface AvatarFile {
  size: number;
  body: Readable;
}

const AVATAR_CONTENT_TYPE = 'image/webp';

/** `avatars/<userId>/<digest>-<pixels>.webp`: one folder per user, the digest names the content. */
function avatarKey(userId: string, digest: string, size: AvatarSize): string {
  return `avatars/${userId}/${digest}-${AVATAR_PIXELS[size]}.webp`;
}

/** A strong validator: the digest and the size fix the bytes. */
function etagOf(digest: string, size: AvatarSize): string {
  return `"${digest}-${AVATAR_PIXELS[size]}"`;
}

/** `If-None-Match` names this ETag (or `*`); weak forms compare equal (RFC 9110 §13.1.2). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

const noAvatar = () => new NotFoundException('No such avatar.');

/**
 * Avatars: an upload is checked and re-encoded (avatar-image.ts), its renditions stored under
 * content-addressed keys, the account pointed at them, and the files of the avatar it replaces
 * removed. Serving reads the files only (no database), so a CDN or browser cache may keep them.
 */
@Injectable()
export class AvatarsService {
  private readonly logger = new Logger(AvatarsService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly storage: Storage,
  ) {}

  /**
   * Makes `upload` the user's avatar. Files first, then the account row: a failure in between
   * leaves unreferenced files (removed here when possible), never an avatar without files.
   */
  async replace(userId: string, upload: Buffer): Promise<void> {
    const { digest, renditions } = await processAvatar(upload);
    await Promise.all(
      renditions.map(({ size, webp }) =>
        this.storage.put(avatarKey(userId, digest, size), webp, {
          contentType: AVATAR_CONTENT_TYPE,
        }),
      ),
    );
    const replaced = await this.users.replaceAvatarDigest(userId, digest);
    if (!replaced) {
      await this.removeFiles(userId, digest);
      throw new NotFoundException('The account no longer exists.');
    }
    // The same picture uploaded again has the same digest: its files are the current ones.
    if (replaced.previous !== null && replaced.previous !== digest) {
      await this.removeFiles(userId, replaced.previous);
    }
  }

  /**
   * The file of one size, or null when `ifNoneMatch` already names it (a 304). A digest that is
   * not (or no longer) the user's avatar is a 404.
   */
  async open(
    userId: string,
    digest: string,
    size: AvatarSize,
    ifNoneMatch?: string,
  ): Promise<{ etag: string; file: AvatarFile | null }> {
    if (!AVATAR_DIGEST_PATTERN.test(digest)) throw noAvatar();
    const key = avatarKey(userId, digest, size);
    const etag = etagOf(digest, size);
    if (matches(ifNoneMatch, etag)) {
      if (!(await this.storage.exists(key))) throw noAvatar();
      return { etag, file: null };
    }
    const stored = await this.storage.get(key);
    if (!stored) throw noAvatar();
    return { etag, file: { size: stored.size, body: stored.body } };
  }

  /**
   * Best effort: the avatar is already replaced, so a storage failure here only leaves files
   * nothing points to (logged with their keys, for removal by hand).
   */
  private async removeFiles(userId: string, digest: string): Promise<void> {
    const keys = Object.values(AvatarSize).map((size) => avatarKey(userId, digest, size));
    const results = await Promise.allSettled(keys.map((key) => this.storage.delete(key)));
    const failed = keys.filter((_key, i) => results[i].status === 'rejected');
    if (failed.length > 0) {
      this.logger.warn({ keys: failed }, 'Could not remove replaced avatar files');
    }
  }
}
