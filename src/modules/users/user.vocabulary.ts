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

/**
 * The one "suspended now" rule (docs/admin.md, "Suspension"): an admin suspended the account
 * and the suspension has no end date or one still to come. A suspension whose end passed no
 * longer applies, even before the worker's accounts tick sets the status back to active.
 * Every check (sign-in, refresh, social sign-in, the queue board's cookie, community writes)
 * uses this or its SQL twin, suspendedNowSql.
 */
export function isSuspendedNow(
  account: Pick<UserAccount, 'status' | 'suspendedUntil'>,
  now: Date = new Date(),
): boolean {
  return (
    account.status === UserStatus.Suspended &&
    (account.suspendedUntil === null || account.suspendedUntil.getTime() > now.getTime())
  );
}

/** isSuspendedNow in SQL over the users row `alias` (a boolean expression, never null). */
export function suspendedNowSql(alias = 'users'): string {
  return `(${alias}.status = 'suspended' AND (${alias}.suspended_until IS NULL OR ${alias}.suspended_until > now()))`;
}

/**
 * Whether community writes are refused (docs/moderation.md): suspended now, or restricted by a
 * moderator until a time still to come.
 */
export function communityRestrictedSql(alias = 'users'): string {
  return `(${suspendedNowSql(alias)} OR coalesce(${alias}.community_restricted_until > now(), false))`;
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
