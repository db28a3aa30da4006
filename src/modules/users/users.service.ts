import { DomainEvent, domainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Role } from '../../common/auth/roles';
import { Page, toPage } from '../../common/pagination/page';
import { offsetOf, PageQueryDto } from '../../common/pagination/page-query.dto';
import { UpdatePreferencesDto } from './dto/preferences.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { AvatarDto } from './dto/avatar.dto';
import { UserDto } from './dto/user.dto';
import { User } from './entities/user.entity';
import { AccountStanding } from '../../common/auth/community-write';
import { PrivacySettings } from './privacy.vocabulary';
import { UserAccount, UserStatus } from './user.vocabulary';
import { NewUser, UserPreferences, UserSearchFilters, UsersRepository } from './users.repository';
import { AccountDeletionsRepository } from './account-deletions.repository';
import { AccountDeletion } from './entities/account-deletion.entity';
import { isUniqueViolation } from '../../common/database/unique-violation';

export type { UserPreferences } from './users.repository';

/** An account that is gone (deleted while an access token still lives) is a 404. */
function orGone<T>(account: T | null): T {
  if (!account) throw new NotFoundException('The account no longer exists.');
  return account;
}

@Injectable()
export class UsersService implements AccountStanding {
  constructor(
    private readonly users: UsersRepository,
    private readonly deletions: AccountDeletionsRepository,
  ) {}

  findByEmail(email: string): Promise<UserAccount | null> {
    return this.users.findByEmail(email);
  }

  findById(id: string): Promise<UserAccount | null> {
    return this.users.findById(id);
  }

  /**
   * Whether community writes are refused: the account is suspended, or moderation restricted
   * it until a time still to come (primary-key read).
   */
  isSuspended(id: string): Promise<boolean> {
    return this.users.isCommunityRestricted(id);
  }

  /** Moderation: no community writes until `until` (a later restriction in force stays). */
  async restrictCommunity(id: string, until: Date): Promise<void> {
    if (!(await this.users.restrictCommunity(id, until))) {
      throw new NotFoundException('No such account.');
    }
  }

  /** Display names by account id, for other modules that show who did something. */
  async displayNamesOf(ids: string[]): Promise<Map<string, string>> {
    const found = await this.users.findDisplayNames([...new Set(ids)]);
    return new Map(found.map(({ id, displayName }) => [id, displayName]));
  }

  /** Creates an account; a taken email (case-insensitive) is a 409. */
  async create(user: NewUser): Promise<UserAccount> {
    try {
      return await this.users.insert(user);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictException('An account with this email already exists.');
      }
      throw error;
    }
  }

  /** For social sign-in: the provider proved the email, and there is no password yet. */
  createVerified(user: Pick<UserAccount, 'email' | 'displayName'>): Promise<UserAccount> {
    return this.create({ ...user, passwordHash: null, emailVerifiedAt: new Date() });
  }

  /** `events` (the password change announced) are published in the same statement. */
  async setPasswordHash(id: string, passwordHash: string, ...events: DomainEvent[]): Promise<void> {
    await this.users.setPasswordHash(id, passwordHash, ...events);
  }

  async markEmailVerified(id: string): Promise<void> {
    await this.users.markEmailVerified(id);
  }

  async getProfile(id: string): Promise<User> {
    return orGone(await this.users.findById(id));
  }

  /** The account as GET /users/profile answers it, in one primary-key read. */
  async profileOf(id: string): Promise<UserDto> {
    const { avatarDigest, ...profile } = orGone(await this.users.findProfile(id));
    return { ...profile, avatar: AvatarDto.of(id, avatarDigest) };
  }

  async updateProfile(id: string, changes: UpdateProfileDto): Promise<User> {
    await this.getProfile(id);
    await this.users.updateFields(id, changes);
    return this.getProfile(id);
  }

  async updatePreferences(id: string, changes: UpdatePreferencesDto): Promise<User> {
    const before = await this.getProfile(id);
    // Where the user appears to others changed: the leaderboards list or unlist them.
    const announce =
      (changes.leaderboardOptOut !== undefined &&
        changes.leaderboardOptOut !== before.leaderboardOptOut) ||
      (changes.activityVisibility !== undefined &&
        changes.activityVisibility !== before.activityVisibility);
    // Sex or birth year changed: sex-specific formulas (DOTS) are applied again.
    const bodyProfile =
      (changes.sex !== undefined && changes.sex !== before.sex) ||
      (changes.birthYear !== undefined && changes.birthYear !== before.birthYear);
    await this.users.updateFieldsWithEvents(id, changes, [
      ...(announce ? [domainEvent('privacy.changed', { userId: id })] : []),
      ...(bodyProfile ? [domainEvent('body-profile.changed', { userId: id })] : []),
    ]);
    return this.getProfile(id);
  }

  /** What other domains need to know of a user: units, time zone, level and equipment. */
  async preferencesOf(id: string): Promise<UserPreferences> {
    return orGone(await this.users.findPreferences(id));
  }

  /** The user's privacy defaults (the feed's audiences, docs/social.md). */
  async privacyOf(id: string): Promise<PrivacySettings> {
    const { profileDiscoverable, activityVisibility, showRecordNumbers, leaderboardOptOut } =
      await this.getProfile(id);
    return { profileDiscoverable, activityVisibility, showRecordNumbers, leaderboardOptOut };
  }

  /** For ops (npm run user:promote): grants a role (admin, moderator, or back to user). */
  async grantRole(email: string, role: Role): Promise<User> {
    const user = await this.users.setRole(email.trim().toLowerCase(), role);
    if (!user) throw new NotFoundException(`No account with the email ${email}.`);
    return user;
  }

  async search(filters: UserSearchFilters, page: PageQueryDto): Promise<Page<User>> {
    const [items, total] = await this.users.search(filters, offsetOf(page), page.limit);
    return toPage(items, total, page);
  }

  /** Admin: suspends (why, until when; null: until lifted) or reactivates; 404 if unknown. */
  async setStatus(
    id: string,
    status: UserStatus.Active | UserStatus.Suspended,
    reason: string | null,
    until: Date | null,
  ): Promise<User> {
    if (!(await this.users.setStatus(id, status, reason, until))) {
      throw new NotFoundException('No such account.');
    }
    return this.getProfile(id);
  }

  /** Suspensions whose end passed are lifted (the accounts tick); the accounts reactivated. */
  reactivateExpiredSuspensions(): Promise<string[]> {
    return this.users.reactivateExpired();
  }

  // Account deletion (docs/account-deletion.md): the schedule lives here so that signing in
  // (AuthService) can cancel it; the purge itself is the account-deletion module's.

  /** Schedules the account's deletion at `dueAt`, or answers the one already pending. */
  scheduleDeletion(
    userId: string,
    dueAt: Date,
  ): Promise<{ deletion: AccountDeletion; created: boolean }> {
    return this.deletions.schedule(userId, dueAt);
  }

  /** Cancels the account's scheduled deletion; whether there was one. */
  cancelDeletion(userId: string): Promise<boolean> {
    return this.deletions.cancel(userId);
  }

  pendingDeletionOf(userId: string): Promise<AccountDeletion | null> {
    return this.deletions.pendingOf(userId);
  }

  claimDueDeletions(limit: number): Promise<{ id: string; userId: string }[]> {
    return this.deletions.claimDue(limit);
  }

  deletionById(id: string): Promise<AccountDeletion | null> {
    return this.deletions.findById(id);
  }
}
