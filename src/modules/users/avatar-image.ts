import { createHash } from 'node:crypto';
import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { AvatarProblems } from './avatar-problems';
import {
  ACCEPTED_IMAGE_FORMATS,
  AVATAR_PIXELS,
  AvatarSize,
  MAX_IMAGE_PIXELS,
} from './avatar.vocabulary';

/** One stored rendition of an avatar. */
export interface AvatarRendition {
  size: AvatarSize;
  webp: Buffer;
}

export interface ProcessedAvatar {
  /** Names the renditions (content-addressed): the same upload always gets the same digest. */
  digest: string;
  renditions: AvatarRendition[];
}

/**
 * Bumped whenever the renditions of an upload change (sizes, crop, encoder settings): the
 * digest names the output, and cached copies of the old output are immutable.
 */
const PIPELINE_VERSION = 'avatar-webp-v1';

const WEBP = { quality: 82, effort: 4 } as const;

const accepted = ACCEPTED_IMAGE_FORMATS as readonly string[];
const formatList = 'JPEG, PNG, WebP or GIF';

/** Decoding options for every read of an upload: the pixel limit is enforced by libvips too. */
const decoding = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' } as const;

/** sharp's message when an image exceeds limitInputPixels. */
const isPixelLimit = (error: unknown) => /pixel limit/i.test((error as Error)?.message ?? '');

const tooLarge = (detail: string) =>
  AvatarProblems.imageTooLarge.exception(detail, { maxPixels: MAX_IMAGE_PIXELS });

/**
 * Turns an upload into avatar renditions, trusting only its bytes:
 * 1. its header is decoded (not its name or declared type): a format of ACCEPTED_IMAGE_FORMATS,
 *    at most MAX_IMAGE_PIXELS, or a 415 / 422 before any pixel is decoded;
 * 2. decoded once (first frame of an animation), turned upright by its EXIF orientation,
 *    cropped to a centred square of the largest size, then scaled down to each size;
 * 3. encoded as WebP with no metadata (EXIF with GPS position, XMP, comments are dropped; the
 *    colours are converted to sRGB).
 */
export async function processAvatar(upload: Buffer): Promise<ProcessedAvatar> {
  let metadata: Metadata;
  try {
    metadata = await sharp(upload, decoding).metadata();
  } catch (error) {
    if (isPixelLimit(error)) throw tooLarge('The image has more pixels than accepted.');
    throw unsupported();
  }
  if (!metadata.format || !accepted.includes(metadata.format)) throw unsupported();
  const { width, height } = metadata;
  if (width * height > MAX_IMAGE_PIXELS) {
    throw tooLarge(
      `The image is ${width} × ${height} pixels; at most ${MAX_IMAGE_PIXELS} pixels are accepted.`,
    );
  }

  const largest = Math.max(...Object.values(AVATAR_PIXELS));
  let square: { data: Buffer; info: OutputInfo };
  try {
    square = await sharp(upload, decoding)
      .rotate()
      .resize(largest, largest, { fit: 'cover', position: 'centre' })
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    if (isPixelLimit(error)) throw tooLarge('The image has more pixels than accepted.');
    throw AvatarProblems.invalidImage.exception(
      'The image is damaged or truncated and cannot be decoded.',
    );
  }
  const raw = {
    raw: { width: square.info.width, height: square.info.height, channels: square.info.channels },
  };
  const renditions = await Promise.all(
    Object.values(AvatarSize).map(async (size) => ({
      size,
      webp: await sharp(square.data, raw)
        .resize(AVATAR_PIXELS[size], AVATAR_PIXELS[size])
        .webp(WEBP)
        .toBuffer(),
    })),
  );
  const digest = createHash('sha256')
    .update(PIPELINE_VERSION)
    .update('\n')
    .update(upload)
    .digest('hex')
    .slice(0, 32);
  return { digest, renditions };
}

function unsupported() {
  return AvatarProblems.unsupportedImage.exception(`The file is not a ${formatList} image.`, {
    acceptedFormats: [...ACCEPTED_IMAGE_FORMATS],
  });
}
