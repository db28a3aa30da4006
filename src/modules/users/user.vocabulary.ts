import { Role } from '../../common/auth/roles';

export enum UserStatus {
  Active = 'active',
  Suspended = 'suspended',
}

/**
 * What other modules know of an account (auth, sign-in, emails): who it is, its credentials
 * and its standing. Preferences go through UsersService.preferencesOf; the entity stays here.
 */
export interface UserAccount {
  id: string;
  email: string;
  passwordHash: string | null;
  displayName: string;
  bio: string | null;
  role: Role;
  status: UserStatus;
  emailVerifiedAt: Date | null;
  /** The current avatar (UserDto.avatar has its URLs); null: none. */
  avatarDigest: string | null;
  createdAt: Date;
}
