import { HttpStatus } from '@nestjs/common';
import { ProblemType } from '../../common/errors/problem-type';
import { ACCEPTED_IMAGE_FORMATS, MAX_IMAGE_PIXELS } from './avatar.vocabulary';

/** The problems of avatar uploads (docs/storage.md). */
export const AvatarProblems = {
  unsupportedImage: new ProblemType<{ acceptedFormats: string[] }>({
    slug: 'unsupported-image',
    status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    title: 'Unsupported image',
    description:
      'The file is not an image in an accepted format, as decoding it shows (its name and declared type are not trusted)',
    exampleDetail: 'The file is not a JPEG, PNG, WebP or GIF image.',
    members: {
      acceptedFormats: {
        type: [String],
        required: true,
        example: [...ACCEPTED_IMAGE_FORMATS],
        description: 'The image formats accepted',
      },
    },
  }),
  imageTooLarge: new ProblemType<{ maxPixels: number }>({
    slug: 'image-too-large',
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    title: 'Image too large',
    description:
      'The image declares more pixels (width × height) than allowed, whatever its size in bytes (a decompression bomb)',
    exampleDetail: 'The image is 100000 × 100000 pixels; at most 50000000 pixels are accepted.',
    members: {
      maxPixels: {
        type: 'integer',
        minimum: 1,
        required: true,
        example: MAX_IMAGE_PIXELS,
        description: 'The most pixels (width × height) an image may have',
      },
    },
  }),
  invalidImage: new ProblemType({
    slug: 'invalid-image',
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    title: 'Invalid image',
    description: 'The file starts like an image of an accepted format, but cannot be decoded',
    exampleDetail: 'The image is damaged or truncated and cannot be decoded.',
  }),
};
