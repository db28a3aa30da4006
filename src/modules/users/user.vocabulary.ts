import { Role } from '../../common/auth/roles';

export enum UserStatus {
  Active = 'active',
  Suspended = 'suspended',
  /**
   * The anonymous stand-in of a purged account (docs/account-deletion.md): holds what others
   * depend on (comments, reports, challenge results) under the name "Deleted user"; never
   * signs in, never listed.
   */
  Deleted = 'deleted',
}

/** The display name of a purged account's stand-in. */
export const DELETED_USER_NAME = 'Deleted user';

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
  /** Suspended accounts: why, and when the suspension ends by itself (null: until lifted). */
  suspensionReason: string | null;
  suspendedUntil: Date | null;
  emailVerifiedAt: Date | null;
  /** The current avatar (UserDto.avatar has its URLs); null: none. */
  avatarDigest: string | null;
  createdAt: Date;
}
