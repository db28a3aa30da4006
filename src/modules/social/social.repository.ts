import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetPosition } from '../../common/pagination/cursor';
import { KEYSET_NOW_SQL as NOW_MS } from '../../common/pagination/keyset';
import { likeContains } from '../../common/database/like';
import { pageWithTotalSql, splitPageWithTotal } from '../../common/database/page-with-total';
import { isoInstantSql } from '../../common/time/iso-instant-sql';
import { blockedEitherWaySql, friendsSql } from './social-sql.vocabulary';
import { FriendRequestStatus, Relationship } from './social.vocabulary';

export interface PendingRequest {
  id: string;
  requesterId: string;
  addresseeId: string;
}

/** One row of the friends list: a friend, or a pending request either way. */
export interface FriendRow {
  userId: string;
  displayName: string;
  avatarDigest: string | null;
  status: Relationship;
  /** ISO 8601: when the friendship started or the request was sent. */
  since: string;
}

export interface BlockRow {
  userId: string;
  displayName: string;
  avatarDigest: string | null;
  blockedAt: string;
}

export interface ProfileRow {
  id: string;
  displayName: string;
  avatarDigest: string | null;
  bio: string | null;
  friendCount: number;
  relationship: Relationship;
  discoverable: boolean;
  memberSince: string;
}

export interface SearchRow {
  id: string;
  displayName: string;
  avatarDigest: string | null;
  relationship: Relationship;
  total: number;
}

export interface SuggestionRow {
  id: string;
  displayName: string;
  avatarDigest: string | null;
  friendsInCommon: number;
  templateName: string | null;
  total: number;
}

/** The caller's relationship with `other` (u.id), as SQL. */
function relationshipSql(viewer: string, other: string): string {
  return `CASE
    WHEN ${other} = ${viewer} THEN '${Relationship.Self}'
    WHEN ${friendsSql(viewer, other)} THEN '${Relationship.Friends}'
    WHEN EXISTS (SELECT 1 FROM friend_requests q WHERE q.status = 'pending'
                   AND q.requester_id = ${viewer} AND q.addressee_id = ${other}) THEN '${Relationship.RequestSent}'
    WHEN EXISTS (SELECT 1 FROM friend_requests q WHERE q.status = 'pending'
                   AND q.requester_id = ${other} AND q.addressee_id = ${viewer}) THEN '${Relationship.RequestReceived}'
    ELSE '${Relationship.None}' END`;
}

/**
 * The social graph's queries: friend requests, friendships, blocks, profiles, search and
 * suggestions. Reads the users table (owned by users) in SQL for names and privacy, as other
 * modules' repositories read the tables they join for visibility; writes only its own tables.
 */
@Injectable()
export class SocialRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private manager?: EntityManager;

  private static bound(manager: EntityManager): SocialRepository {
    const repository = new SocialRepository(manager.connection);
    repository.manager = manager;
    return repository;
  }

  /** Runs `work` in one transaction, with a repository whose statements run in it (and its manager, to publish events). */
  inTransaction<T>(work: (tx: SocialRepository, manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction((manager) => work(SocialRepository.bound(manager), manager));
  }

  private query<T>(sql: string, parameters: unknown[]): Promise<T> {
    return (this.manager ?? this.db.manager).query(sql, parameters);
  }

  /** Rows an UPDATE or DELETE changed (TypeORM answers those with [rows, affected count]). */
  private async changed(sql: string, parameters: unknown[]): Promise<number> {
    const [, affected] = await this.query<[unknown[], number]>(sql, parameters);
    return affected;
  }

  /**
   * Serialises every change between two users until the transaction ends (an advisory lock
   * on the unordered pair): crossing requests, an accept racing a block, two blocks.
   */
  async lockPair(a: string, b: string): Promise<void> {
    const [low, high] = a < b ? [a, b] : [b, a];
    await this.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `social-pair:${low}:${high}`,
    ]);
  }

  /** The user exists and is active (primary key). */
  async userExists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.query(
      `SELECT 1 FROM users WHERE id = $1 AND status = 'active'`,
      [id],
    );
    return rows.length > 0;
  }

  async blockedEitherWay(a: string, b: string): Promise<boolean> {
    const [row]: { blocked: boolean }[] = await this.query(
      `SELECT ${blockedEitherWaySql('$1::uuid', '$2::uuid')} AS blocked`,
      [a, b],
    );
    return row.blocked;
  }

  async areFriends(a: string, b: string): Promise<boolean> {
    const [row]: { friends: boolean }[] = await this.query(
      `SELECT ${friendsSql('$1::uuid', '$2::uuid')} AS friends`,
      [a, b],
    );
    return row.friends;
  }

  /** The pending request between the two, in either direction (UQ_friend_requests_pending). */
  async pendingBetween(a: string, b: string): Promise<PendingRequest | null> {
    const [row]: PendingRequest[] = await this.query(
      `SELECT id, requester_id AS "requesterId", addressee_id AS "addresseeId"
         FROM friend_requests
        WHERE status = 'pending'
          AND ((requester_id = $1 AND addressee_id = $2) OR (requester_id = $2 AND addressee_id = $1))`,
      [a, b],
    );
    return row ?? null;
  }

  /** Requests the user has sent that are still pending (IDX_friend_requests_requester_pending). */
  async countPendingSent(userId: string): Promise<number> {
    const [row]: { n: number }[] = await this.query(
      `SELECT count(*)::int AS n FROM friend_requests WHERE requester_id = $1 AND status = 'pending'`,
      [userId],
    );
    return row.n;
  }

  /** A new pending request; answers its id. */
  async insertRequest(requesterId: string, addresseeId: string): Promise<string> {
    const [row]: { id: string }[] = await this.query(
      `INSERT INTO friend_requests (requester_id, addressee_id, created_at, updated_at)
       VALUES ($1, $2, ${NOW_MS}, now()) RETURNING id`,
      [requesterId, addresseeId],
    );
    return row.id;
  }

  /**
   * ISO 8601: since when the two are friends, or the pending request between them was sent;
   * null when neither (primary key of friendships, UQ_friend_requests_pending).
   */
  async since(a: string, b: string): Promise<string | null> {
    const [row]: { since: string | null }[] = await this.query(
      `SELECT ${isoInstantSql(`coalesce(
                (SELECT created_at FROM friendships WHERE user_id = $1 AND friend_id = $2),
                (SELECT created_at FROM friend_requests WHERE status = 'pending'
                    AND ((requester_id = $1 AND addressee_id = $2)
                      OR (requester_id = $2 AND addressee_id = $1))))`)} AS since`,
      [a, b],
    );
    return row.since;
  }

  /** Ends a pending request (by primary key); false when it was no longer pending. */
  async closeRequest(id: string, status: FriendRequestStatus): Promise<boolean> {
    const changed = await this.changed(
      `UPDATE friend_requests SET status = $2, responded_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'pending'`,
      [id, status],
    );
    return changed > 0;
  }

  /**
   * Ends every pending request between the two (a block): the blocker's own are cancelled,
   * the other's declined.
   */
  async closeRequestsBetween(blocker: string, blocked: string): Promise<void> {
    await this.query(
      `UPDATE friend_requests
          SET status = CASE WHEN requester_id = $1 THEN 'cancelled'::friend_request_status
                            ELSE 'declined'::friend_request_status END,
              responded_at = now(), updated_at = now()
        WHERE status = 'pending'
          AND ((requester_id = $1 AND addressee_id = $2) OR (requester_id = $2 AND addressee_id = $1))`,
      [blocker, blocked],
    );
  }

  /** Both directions of the friendship; a repeated insert is a no-op. */
  async insertFriendship(a: string, b: string): Promise<void> {
    await this.query(
      `INSERT INTO friendships (user_id, friend_id, created_at)
       VALUES ($1, $2, ${NOW_MS}), ($2, $1, ${NOW_MS})
       ON CONFLICT DO NOTHING`,
      [a, b],
    );
  }

  /** Removes both directions; false when they were not friends. */
  async deleteFriendship(a: string, b: string): Promise<boolean> {
    const changed = await this.changed(
      `DELETE FROM friendships
        WHERE (user_id = $1 AND friend_id = $2) OR (user_id = $2 AND friend_id = $1)`,
      [a, b],
    );
    return changed > 0;
  }

  /**
   * The caller's friends (IDX_friendships_user_created), or their pending requests received
   * (IDX_friend_requests_addressee_pending) or sent (IDX_friend_requests_requester_pending),
   * newest first, keyset on (since, user id). Users in a block with the caller never appear
   * (a block ends friendships and requests; the filter keeps a race from showing one).
   */
  async friendsPage(
    userId: string,
    status: Relationship.Friends | Relationship.RequestReceived | Relationship.RequestSent,
    before: KeysetPosition | undefined,
    limit: number,
  ): Promise<FriendRow[]> {
    const source = {
      [Relationship.Friends]: `SELECT friend_id AS other, created_at AS since
                                 FROM friendships WHERE user_id = $1`,
      [Relationship.RequestReceived]: `SELECT requester_id AS other, created_at AS since
                                 FROM friend_requests WHERE addressee_id = $1 AND status = 'pending'`,
      [Relationship.RequestSent]: `SELECT addressee_id AS other, created_at AS since
                                 FROM friend_requests WHERE requester_id = $1 AND status = 'pending'`,
    }[status];
    const keyset = before ? `AND (x.since, x.other) < ($3::timestamptz, $4::uuid)` : '';
    return this.query(
      `SELECT x.other AS "userId", u.display_name AS "displayName",
              u.avatar_digest AS "avatarDigest", $2::text AS status,
              ${isoInstantSql('x.since')} AS since
         FROM (${source}) x
         JOIN users u ON u.id = x.other
        WHERE NOT ${blockedEitherWaySql('$1::uuid', 'x.other')} ${keyset}
        ORDER BY x.since DESC, x.other DESC
        LIMIT ${limit + 1}`,
      before ? [userId, status, before.at, before.id] : [userId, status],
    );
  }

  /** Inserts the block; false when it existed already. */
  async insertBlock(blocker: string, blocked: string): Promise<boolean> {
    const rows: unknown[] = await this.query(
      `INSERT INTO user_blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, ${NOW_MS})
       ON CONFLICT DO NOTHING RETURNING blocker_id`,
      [blocker, blocked],
    );
    return rows.length > 0;
  }

  async deleteBlock(blocker: string, blocked: string): Promise<boolean> {
    const changed = await this.changed(
      `DELETE FROM user_blocks WHERE blocker_id = $1 AND blocked_id = $2`,
      [blocker, blocked],
    );
    return changed > 0;
  }

  /** The caller's blocks, newest first (IDX_user_blocks_blocker_created). */
  blocksPage(
    blocker: string,
    before: KeysetPosition | undefined,
    limit: number,
  ): Promise<BlockRow[]> {
    const keyset = before ? `AND (b.created_at, b.blocked_id) < ($2::timestamptz, $3::uuid)` : '';
    return this.query(
      `SELECT b.blocked_id AS "userId", u.display_name AS "displayName",
              u.avatar_digest AS "avatarDigest",
              ${isoInstantSql('b.created_at')} AS "blockedAt"
         FROM user_blocks b JOIN users u ON u.id = b.blocked_id
        WHERE b.blocker_id = $1 ${keyset}
        ORDER BY b.created_at DESC, b.blocked_id DESC
        LIMIT ${limit + 1}`,
      before ? [blocker, before.at, before.id] : [blocker],
    );
  }

  /**
   * A user as `viewer` may see them: null when there is no such active account or the two
   * are in a block. One statement: the row by primary key, the friend count from
   * friendships' primary key, the relationship from friendships and friend_requests.
   */
  async profile(viewer: string, id: string): Promise<ProfileRow | null> {
    const [row]: ProfileRow[] = await this.query(
      `SELECT u.id, u.display_name AS "displayName", u.avatar_digest AS "avatarDigest", u.bio,
              u.profile_discoverable AS discoverable,
              ${isoInstantSql('u.created_at')} AS "memberSince",
              (SELECT count(*)::int FROM friendships f WHERE f.user_id = u.id) AS "friendCount",
              ${relationshipSql('$1::uuid', 'u.id')} AS relationship
         FROM users u
        WHERE u.id = $2 AND u.status = 'active'
          AND NOT ${blockedEitherWaySql('$1::uuid', 'u.id')}`,
      [viewer, id],
    );
    return row ?? null;
  }

  /**
   * Users whose display name is like `term` (pg_trgm: similarity `%`, word similarity `<%` for
   * a part of the name, or a substring), friends first, then the closest names: discoverable
   * users and the viewer's friends, never the viewer, a suspended account or anyone in a block
   * with the viewer. IDX_users_display_name_trgm (GIN, gin_trgm_ops) finds the candidates.
   */
  async search(
    viewer: string,
    term: string,
    offset: number,
    limit: number,
  ): Promise<{ items: SearchRow[]; total: number }> {
    const rows: SearchRow[] = await this.query(
      pageWithTotalSql(
        `SELECT c.id, c.display_name, c.avatar_digest, c.friend, c.score
           FROM (SELECT u.id, u.display_name, u.avatar_digest, u.profile_discoverable,
                        ${friendsSql('$1::uuid', 'u.id')} AS friend,
                        greatest(similarity(u.display_name, $2), word_similarity($2, u.display_name)) AS score
                   FROM users u
                  WHERE (u.display_name % $2 OR $2 <% u.display_name OR u.display_name ILIKE $3)
                    AND u.id <> $1 AND u.status = 'active') c
          WHERE (c.profile_discoverable OR c.friend)
            AND NOT ${blockedEitherWaySql('$1::uuid', 'c.id')}`,
        `SELECT m.id, m.display_name AS "displayName", m.avatar_digest AS "avatarDigest",
                CASE WHEN m.friend THEN '${Relationship.Friends}' ELSE ${relationshipSql('$1::uuid', 'm.id')} END
                  AS relationship
           FROM matches m
          ORDER BY m.friend DESC, m.score DESC, m.display_name, m.id
         OFFSET $4 LIMIT $5`,
      ),
      [viewer, term, likeContains(term), offset, limit],
    );
    return splitPageWithTotal(rows);
  }

  /**
   * People the viewer may know: friends of their friends (ranked by friends in common, two
   * primary-key ranges of friendships), and the authors of templates the viewer trains with
   * (their completed workouts' templates, or the originals of templates they duplicated;
   * IDX_workouts_user_template_day_completed). Never the viewer, a friend, someone with a
   * pending request either way, someone in a block either way, an undiscoverable or suspended
   * account.
   */
  async suggestions(
    viewer: string,
    offset: number,
    limit: number,
  ): Promise<{ items: SuggestionRow[]; total: number }> {
    const rows: SuggestionRow[] = await this.query(
      pageWithTotalSql(
        `WITH in_common AS (
                SELECT f2.friend_id AS id, count(*)::int AS n
                  FROM friendships f1 JOIN friendships f2 ON f2.user_id = f1.friend_id
                 WHERE f1.user_id = $1
                 GROUP BY f2.friend_id),
              templates_used AS (
                SELECT CASE WHEN t.owner_id = $1 THEN o.owner_id ELSE t.owner_id END AS id,
                       min(CASE WHEN t.owner_id = $1 THEN o.name ELSE t.name END) AS name
                  FROM workouts w
                  JOIN templates t ON t.id = w.template_id
                  LEFT JOIN templates o ON o.id = t.origin_template_id
                 WHERE w.user_id = $1 AND w.status = 'completed' AND w.template_id IS NOT NULL
                 GROUP BY 1),
              candidates AS (
                SELECT coalesce(c.id, t.id) AS id, coalesce(c.n, 0) AS n, t.name
                  FROM in_common c FULL JOIN templates_used t ON t.id = c.id)
         SELECT u.id, u.display_name, u.avatar_digest, c.n, c.name
           FROM candidates c JOIN users u ON u.id = c.id
          WHERE c.id IS NOT NULL AND c.id <> $1 AND u.status = 'active' AND u.profile_discoverable
            AND NOT ${friendsSql('$1::uuid', 'u.id')}
            AND NOT ${blockedEitherWaySql('$1::uuid', 'u.id')}
            AND NOT EXISTS (SELECT 1 FROM friend_requests q WHERE q.status = 'pending'
                              AND ((q.requester_id = $1 AND q.addressee_id = u.id)
                                OR (q.requester_id = u.id AND q.addressee_id = $1)))`,
        `SELECT m.id, m.display_name AS "displayName", m.avatar_digest AS "avatarDigest",
                m.n AS "friendsInCommon",
                m.name AS "templateName"
           FROM matches m
          ORDER BY m.n DESC, (m.name IS NOT NULL) DESC, m.id
         OFFSET $2 LIMIT $3`,
      ),
      [viewer, offset, limit],
    );
    return splitPageWithTotal(rows);
  }
}
