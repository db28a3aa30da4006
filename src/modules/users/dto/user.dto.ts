import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../../common/auth/roles';
import { UserAccount, UserStatus } from '../user.vocabulary';
import { AvatarDto } from './avatar.dto';

/**
 * The public shape of an account. Never carries the password hash. Built from an account by
 * from(), or selected in this shape by UsersRepository.findProfile (GET /users/profile).
 */
export class UserDto {
  @ApiProperty({ type: 'string', format: 'uuid', example: '5b4c0e0a-0c4c-4a7e-9d27-4f0b0f3f6a11' })
  id: string;

  @ApiProperty({ type: 'string', format: 'email', example: 'ada@example.com' })
  email: string;

  @ApiProperty({ example: 'Ada' })
  displayName: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'Powerlifting, 3x per week' })
  bio: string | null;

  @ApiProperty({ enum: Role, enumName: 'Role', example: Role.User })
  role: Role;

  @ApiProperty({ enum: UserStatus, enumName: 'UserStatus', example: UserStatus.Active })
  status: UserStatus;

  @ApiProperty({ example: false })
  emailVerified: boolean;

  @ApiProperty({
    type: AvatarDto,
    nullable: true,
    description: 'URLs of the avatar in each size; null until one is uploaded',
  })
  avatar: AvatarDto | null;

  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-11-21T09:30:00.000Z' })
  createdAt: string;

  static from(user: UserAccount): UserDto {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      bio: user.bio,
      role: user.role,
      status: user.status,
      emailVerified: user.emailVerifiedAt !== null,
      avatar: AvatarDto.of(user.id, user.avatarDigest),
      createdAt: user.createdAt.toISOString(),
    };
  }
}
