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
