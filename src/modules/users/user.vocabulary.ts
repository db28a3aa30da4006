import { Role } from '../../common/auth/roles';

/**
 * Sex as the user states it, only for sex-specific formulas (DOTS strength normalisation) and
 * benchmark cohorts; never shown to others. Null: not said (cohorts and formulas do without).
 */
export enum Sex {
  Female = 'female',
  Male = 'male',
}

/** The earliest and latest birth years accepted (age 13 to 120 around today). */
export const BIRTH_YEAR_MIN = 1900;
export const MIN_AGE_YEARS = 13;

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
