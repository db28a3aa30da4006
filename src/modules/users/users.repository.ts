import { preparedQuery } from '../../common/database/prepared-statement';
import { DomainEvent } from '../../infrastructure/events/domain-event-catalogue';
import {
  publishDomainEvents,
  writeWithEvents,
} from '../../infrastructure/events/publish-domain-events';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { likeContains } from '../../common/database/like';
import { In, Repository } from 'typeorm';
import { Role } from '../../common/auth/roles';
import { isoInstantSql } from '../../common/time/iso-instant-sql';
import { UserDto } from './dto/user.dto';
import { User } from './entities/user.entity';
import { communityRestrictedSql, UserStatus } from './user.vocabulary';

export type NewUser = Pick<User, 'email' | 'passwordHash' | 'displayName'> &
  Partial<Pick<User, 'emailVerifiedAt'>>;

export type EditableUserFields = Partial<
  Pick<
    User,
    | 'displayName'
    | 'bio'
    | 'weightUnit'
    | 'lengthUnit'
    | 'timeZone'
    | 'trainingLevel'
    | 'equipment'
    | 'sex'
    | 'birthYear'
    | 'profileDiscoverable'
    | 'activityVisibility'
    | 'showRecordNumbers'
    | 'leaderboardOptOut'
  >
>;

/** GET /users/profile as selected: UserDto with the avatar's digest for its URLs. */
export type ProfileRow = Omit<UserDto, 'avatar'> & Pick<User, 'avatarDigest'>;

/** What other domains need to know of a user: units, time zone, level and equipment. */
export type UserPreferences = Pick<
  User,
  'weightUnit' | 'lengthUnit' | 'timeZone' | 'trainingLevel' | 'equipment' | 'sex' | 'birthYear'
>;

/** An account's columns as UserDto writes them (UserDto.from says the same of an entity). */
const PROFILE_COLUMNS = [
  'id',
  'email',
  'display_name AS "displayName"',
  'bio',
  'role',
  'status',
  'email_verified_at IS NOT NULL AS "emailVerified"',
  'avatar_digest AS "avatarDigest"',
  `${isoInstantSql('created_at')} AS "createdAt"`,
].join(', ');

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /** Uses UQ_users_email. */
  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email });
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  /** By primary key, as answered (UserDto but the avatar's URLs), without entity hydration. */
  async findProfile(id: string): Promise<ProfileRow | null> {
    const [profile] = await preparedQuery<ProfileRow>(
      this.users,
      `SELECT ${PROFILE_COLUMNS} FROM users WHERE id = $1`,
      [id],
    );
    return profile ?? null;
  }

  /**
   * The preferences other modules read before each of their answers (units, time zone, level,
   * equipment, sex, birth year), by primary key, as a prepared statement without entity
   * hydration.
   */
  async findPreferences(id: string): Promise<UserPreferences | null> {
    const [preferences] = await preparedQuery<UserPreferences>(
      this.users,
      `SELECT weight_unit AS "weightUnit", length_unit AS "lengthUnit", time_zone AS "timeZone",
              training_level AS "trainingLevel", equipment::text[] AS equipment, sex,
              birth_year AS "birthYear"
         FROM users WHERE id = $1`,
      [id],
    );
    return preferences ?? null;
  }

  /**
   * Whether the account may not write to the community now (communityRestrictedSql). False
   * for an unknown account (primary key).
   */
  async isCommunityRestricted(id: string): Promise<boolean> {
    const [row]: { restricted: boolean }[] = await this.users.query(
      `SELECT ${communityRestrictedSql()} AS restricted FROM users WHERE id = $1`,
      [id],
    );
    return row?.restricted ?? false;
  }

  /**
   * Restricts community writes until `until`, or keeps a later restriction already in force;
   * false when there is no such account.
   */
  async restrictCommunity(id: string, until: Date): Promise<boolean> {
    const { affected } = await this.users
      .createQueryBuilder()
      .update()
      .set({
        communityRestrictedUntil: () =>
          'GREATEST(coalesce(community_restricted_until, :until), :until)',
      })
      .setParameter('until', until)
      .where('id = :id', { id })
      .execute();
    return affected === 1;
  }

  /** Primary key lookups; ids without an account are absent from the answer. */
  findDisplayNames(ids: string[]): Promise<Pick<User, 'id' | 'displayName'>[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.users.find({ select: { id: true, displayName: true }, where: { id: In(ids) } });
  }

  insert(user: NewUser): Promise<User> {
    return this.users.save(this.users.create(user));
  }

  /** Profile and preference fields; an empty change set is a no-op. */
  async updateFields(id: string, changes: EditableUserFields): Promise<void> {
    const set = Object.fromEntries(
      Object.entries(changes).filter(([, value]) => value !== undefined),
    ) as EditableUserFields;
    if (Object.keys(set).length > 0) await this.users.update({ id }, set);
  }

  /** updateFields and the events announcing the change, in one transaction. */
  async updateFieldsWithEvents(
    id: string,
    changes: EditableUserFields,
    events: DomainEvent[],
  ): Promise<void> {
    if (events.length === 0) return this.updateFields(id, changes);
    const set = Object.fromEntries(
      Object.entries(changes).filter(([, value]) => value !== undefined),
    ) as EditableUserFields;
    await this.users.manager.transaction(async (manager) => {
      if (Object.keys(set).length > 0) await manager.update(User, { id }, set);
      await publishDomainEvents(manager, ...events);
    });
  }

  /** Sets email_verified_at once; later calls keep the first time. */
  async markEmailVerified(id: string): Promise<void> {
    await this.users
      .createQueryBuilder()
      .update()
      .set({ emailVerifiedAt: () => 'now()' })
      .where('id = :id AND email_verified_at IS NULL', { id })
      .execute();
  }

  /**
   * Makes `digest` the account's avatar and returns the one it replaces, or null when there is
   * no such account. The row is locked between reading and writing, so of two concurrent
   * uploads each learns the digest the other replaced: every replaced digest is returned once.
   */
  async replaceAvatarDigest(
    id: string,
    digest: string,
  ): Promise<{ previous: string | null } | null> {
    // An UPDATE answers [rows, count] through TypeORM's query().
    const [rows]: [{ previous: string | null }[], number] = await this.users.query(
      `UPDATE users SET avatar_digest = $2, updated_at = now()
       FROM (SELECT id, avatar_digest FROM users WHERE id = $1 FOR UPDATE) AS before
       WHERE users.id = before.id
       RETURNING before.avatar_digest AS previous`,
      [id, digest],
    );
    return rows[0] ?? null;
  }

  /** With `events`, published in the same statement. */
  async setPasswordHash(id: string, passwordHash: string, ...events: DomainEvent[]): Promise<void> {
    await writeWithEvents(
      this.users.manager,
      {
        sql: 'UPDATE users SET password_hash = $1, updated_at = now() WHERE id = $2 RETURNING id',
        parameters: [passwordHash, id],
      },
      ...events,
    );
  }

  /** Returns the updated user, or null when no account has that email. */
  async setRole(email: string, role: Role): Promise<User | null> {
    const { affected } = await this.users.update({ email }, { role });
    return affected ? this.findByEmail(email) : null;
  }

  /**
   * Admin listing, newest first, filtered. `search` matches email or display name anywhere
   * (trigram indexes IDX_users_email_trgm / IDX_users_display_name_trgm). The anonymous
   * stand-ins of purged accounts are listed only when asked for (`status: deleted`).
   */
  search(filters: UserSearchFilters, offset: number, limit: number): Promise<[User[], number]> {
    const query = this.users.createQueryBuilder('user');
    if (filters.search) {
      query.andWhere('(user.email ILIKE :term OR user.displayName ILIKE :term)', {
        term: likeContains(filters.search),
      });
    }
    if (filters.status) query.andWhere('user.status = :status', { status: filters.status });
    else query.andWhere(`user.status <> 'deleted'`);
    if (filters.role) query.andWhere('user.role = :role', { role: filters.role });
    if (filters.createdFrom) {
      query.andWhere('user.createdAt >= :from', { from: filters.createdFrom });
    }
    if (filters.createdTo) query.andWhere('user.createdAt < :to', { to: filters.createdTo });
    return query
      .orderBy('user.createdAt', 'DESC')
      .addOrderBy('user.id', 'DESC')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
  }

  /** Suspends (with why and until when) or reactivates; false when there is no such account. */
  async setStatus(
    id: string,
    status: UserStatus.Active | UserStatus.Suspended,
    reason: string | null,
    until: Date | null,
  ): Promise<boolean> {
    const { affected } = await this.users
      .createQueryBuilder()
      .update()
      .set({ status, suspensionReason: reason, suspendedUntil: until })
      .where(`id = :id AND status <> 'deleted'`, { id })
      .execute();
    return affected === 1;
  }

  /**
   * Ends the suspensions whose end date passed (IDX_users_suspended_until); their ids. Only
   * bookkeeping: isSuspendedNow already ignores them.
   */
  async reactivateExpired(): Promise<string[]> {
    const [rows]: [{ id: string }[], number] = await this.users.query(
      `UPDATE users SET status = 'active', suspension_reason = NULL, suspended_until = NULL,
              updated_at = now()
        WHERE status = 'suspended' AND suspended_until <= now()
        RETURNING id`,
    );
    return rows.map((row) => row.id);
  }
}

export interface UserSearchFilters {
  search?: string;
  status?: UserStatus;
  role?: Role;
  createdFrom?: Date;
  createdTo?: Date;
}
