import { ApiProperty } from '@nestjs/swagger';
import { apiPath } from '../../../common/http/api-path';
import { AvatarSize } from '../avatar.vocabulary';

const EXAMPLE =
  '/api/v1/users/5b4c0e0a-0c4c-4a7e-9d27-4f0b0f3f6a11/avatar/9f86d081884c7d659a2feaa0c55ad015';

/** Where one avatar file is served: content-addressed, so cached for good (docs/storage.md). */
export function avatarPath(userId: string, digest: string, size: AvatarSize): string {
  return `${apiPath(`users/${userId}/avatar/${digest}`)}?size=${size}`;
}

/**
 * The avatar's URLs, one per size (paths below the API's origin). Public and immutable: a new
 * upload gets new URLs, and the old ones answer 404.
 */
export class AvatarDto {
  @ApiProperty({ example: `${EXAMPLE}?size=small`, description: '64 × 64 WebP' })
  small: string;

  @ApiProperty({ example: `${EXAMPLE}?size=medium`, description: '256 × 256 WebP' })
  medium: string;

  @ApiProperty({ example: `${EXAMPLE}?size=large`, description: '512 × 512 WebP' })
  large: string;

  static of(userId: string, digest: string | null): AvatarDto | null {
    if (!digest) return null;
    return {
      small: avatarPath(userId, digest, AvatarSize.Small),
      medium: avatarPath(userId, digest, AvatarSize.Medium),
      large: avatarPath(userId, digest, AvatarSize.Large),
    };
  }
}
