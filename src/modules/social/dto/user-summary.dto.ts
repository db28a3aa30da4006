import { ApiProperty } from '@nestjs/swagger';
import { AvatarDto } from '../../users/dto/avatar.dto';

/** Who someone is in a social list: an id to open their profile, a name and an avatar to show. */
export class UserSummaryDto {
  @ApiProperty({ type: 'string', format: 'uuid', example: '5b4c0e0a-0c4c-4a7e-9d27-4f0b0f3f6a11' })
  id: string;

  @ApiProperty({ example: 'Ada' })
  displayName: string;

  @ApiProperty({
    type: AvatarDto,
    nullable: true,
    description: 'URLs of the avatar in each size; null without one',
  })
  avatar: AvatarDto | null;

  /** From a row's id, display name and avatar digest (users.avatar_digest). */
  static of(id: string, displayName: string, avatarDigest: string | null): UserSummaryDto {
    return { id, displayName, avatar: AvatarDto.of(id, avatarDigest) };
  }
}
