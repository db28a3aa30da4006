/**
 * Avatars: what clients and other modules may know of them (docs/storage.md). Every upload is
 * stored re-encoded as WebP squares of these sizes.
 */
export enum AvatarSize {
  /** 64 px: lists, feed items, comments (32 pt at 2x). */
  Small = 'small',
  /** 256 px: the profile header (128 pt at 2x). */
  Medium = 'medium',
  /** 512 px: the full-screen view. */
  Large = 'large',
}

export const AVATAR_PIXELS: Record<AvatarSize, number> = {
  [AvatarSize.Small]: 64,
  [AvatarSize.Medium]: 256,
  [AvatarSize.Large]: 512,
};

/** Formats an upload may be in, as sharp names them after decoding its header. */
export const ACCEPTED_IMAGE_FORMATS = ['jpeg', 'png', 'webp', 'gif'] as const;

/**
 * Width × height an upload may have (50 MP: the largest phone photos). Decoding allocates by
 * pixels, not by bytes: a 1 KB PNG may declare 100000 × 100000.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** A content digest as stored and shown in avatar URLs: 32 lower-case hex digits. */
export const AVATAR_DIGEST_PATTERN = /^[0-9a-f]{32}$/;
