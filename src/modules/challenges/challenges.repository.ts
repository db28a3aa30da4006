import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { pageWithTotalSql, splitPageWithTotal } from '../../common/database/page-with-total';
import { isoInstantSql } from '../../common/time/iso-instant-sql';
import { localMidnightSql, endOfLocalDaySql } from '../../common/time/local-day-sql';
import { domainEvent } from '../../infrastructure/events/domain-event-catalogue';
import {
  publishDomainEvents,
  writeWithEvents,
} from '../../infrastructure/events/publish-domain-events';
import { blockedEitherWaySql } from '../social/social-sql.vocabulary';
import { challengeVisibleToSql, progressSql } from './challenge-sql';
import {
  ChallengeBadge,
  ChallengeKind,
  ChallengeStatus,
  ChallengeVisibility,
} from './challenges.vocabulary';

export enum ChallengeFilter {
  /** Open and under way now. */
  Active = 'active',
  /** Not started yet. */
  Upcoming = 'upcoming',
  /** Created or joined by you. */
  Mine = 'mine',
  /** Created or joined by one of your friends. */
  Friends = 'friends',
  /** Open challenges you are invited to and have neither joined nor declined. */
  Invited = 'invited',
}

export interface NewChallenge {
  creatorId: string;
  title: string;
  description: string | null;
  kind: ChallengeKind;
  exerciseId: string | null;
  sessionsPerWeek: number | null;
  visibility: ChallengeVisibility;
  timeZone: string;
  startsOn: string;
  endsOn: string;
  inviteeIds: string[];
}

export interface ChallengeRow {
  id: string;
  title: string;
  description: string | null;
  kind: ChallengeKind;
  exerciseId: string | null;
  sessionsPerWeek: number | null;
  visibility: ChallengeVisibility;
  timeZone: string;
  startsOn: string;
  endsOn: string;
  startsAt: string;
  endsAt: string;
  status: ChallengeStatus;
  closedAt: string | null;
  createdAt: string;
  creatorId: string;
  creatorName: string;
  creatorAvatarDigest: string | null;
  participantCount: number;
  joined: boolean;
  invited: boolean;
}

export interface StandingRow {
  id: string;
  rank: number;
  displayName: string;
  avatarDigest: string | null;
  progress: string;
  reachedAt: string | null;
  badge: ChallengeBadge | null;
  joinedAt: string;
}

/** A challenge's columns as ChallengeDto shows them, for viewer $1 (c: challenges, u: creator). */
const CHALLENGE_COLUMNS = `c.id, c.title, c.description, c.kind, c.exercise_id AS "exerciseId",
  c.sessions_per_week AS "sessionsPerWeek", c.visibility, c.time_zone AS "timeZone",
  to_char(c.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(c.ends_on, 'YYYY-MM-DD') AS "endsOn",
  ${isoInstantSql('c.starts_at')} AS "startsAt", ${isoInstantSql('c.ends_at')} AS "endsAt",
  c.status, ${isoInstantSql('c.closed_at')} AS "closedAt", ${isoInstantSql('c.created_at')} AS "createdAt",
  c.creator_id AS "creatorId", u.display_name AS "creatorName", u.avatar_digest AS "creatorAvatarDigest",
  (SELECT count(*)::int FROM challenge_participants cp WHERE cp.challenge_id = c.id) AS "participantCount",
  EXISTS (SELECT 1 FROM challenge_participants mp
           WHERE mp.challenge_id = c.id AND mp.user_id = $1) AS joined,
  EXISTS (SELECT 1 FROM challenge_invitations mi
           WHERE mi.challenge_id = c.id AND mi.user_id = $1 AND mi.declined_at IS NULL) AS invited`;

/** The participations matching `where` (p, c) with their progress measured (progressSql). */
function measuredSql(where: string): string {
  return `(SELECT p.challenge_id, p.user_id, v.progress, v.reached_at
             FROM challenge_participants p JOIN challenges c ON c.id = p.challenge_id,
                  LATERAL ${progressSql('c', 'p.user_id')} v
            WHERE ${where})`;
}

/** The rank of every participant: most progress first, the earliest to reach it first (ties share). */
const RANK_SQL = 'RANK() OVER (ORDER BY p.progress DESC, p.reached_at ASC NULLS LAST)::int';

const FILTERS: Record<ChallengeFilter, string> = {
  [ChallengeFilter.Active]: `c.status = 'open' AND c.starts_at <= now() AND c.ends_at > now()`,
  [ChallengeFilter.Upcoming]: `c.status = 'open' AND c.starts_at > now()`,
  [ChallengeFilter.Mine]: `(c.creator_id = $1 OR EXISTS (SELECT 1 FROM challenge_participants fp
                             WHERE fp.challenge_id = c.id AND fp.user_id = $1))`,
  [ChallengeFilter.Friends]: `EXISTS (SELECT 1 FROM friendships ff
      WHERE ff.user_id = $1 AND (ff.friend_id = c.creator_id OR EXISTS (
        SELECT 1 FROM challenge_participants fp
         WHERE fp.challenge_id = c.id AND fp.user_id = ff.friend_id)))`,
  [ChallengeFilter.Invited]: `c.status = 'open' AND c.ends_at > now()
      AND EXISTS (SELECT 1 FROM challenge_invitations fi
                   WHERE fi.challenge_id = c.id AND fi.user_id = $1 AND fi.declined_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM challenge_participants fp
                       WHERE fp.challenge_id = c.id AND fp.user_id = $1)`,
};

/**
 * The challenges' queries (docs/challenges.md). Visibility is decided in SQL, in the statement
 * that reads (challengeVisibleToSql, built on the social graph's fragments). Progress is read
 * from the workouts tables by progressSql, never taken from a client.
 */
@Injectable()
export class ChallengesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts the challenge (its instants computed from its days in its zone) and its invitations. */
  async create(challenge: NewChallenge): Promise<string> {
    return this.db.transaction(async (manager) => {
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO challenges (creator_id, title, description, kind, exercise_id, sessions_per_week,
                                 visibility, time_zone, starts_on, ends_on, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
                 ${localMidnightSql('$9', '$8::varchar')}, ${endOfLocalDaySql('$10', '$8::varchar')})
         RETURNING id`,
        [
          challenge.creatorId,
          challenge.title,
          challenge.description,
          challenge.kind,
          challenge.exerciseId,
          challenge.sessionsPerWeek,
          challenge.visibility,
          challenge.timeZone,
          challenge.startsOn,
          challenge.endsOn,
        ],
      );
      await this.insertInvitations(manager, challenge.creatorId, id, challenge.inviteeIds);
      return id;
    });
  }

  /**
   * The creator `creatorId` invites `inviteeIds` to challenge `id`; answers whether the
   * challenge is theirs and still open (not ended): false changes nothing. See
   * insertInvitations for who is left out.
   */
  async invite(creatorId: string, id: string, inviteeIds: string[]): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const [open]: unknown[] = await manager.query(
        `SELECT 1 FROM challenges
          WHERE id = $1 AND creator_id = $2 AND status = 'open' AND ends_at > now()
          FOR SHARE`,
        [id, creatorId],
      );
      if (!open) return false;
      await this.insertInvitations(manager, creatorId, id, inviteeIds);
      return true;
    });
  }

  /**
   * The invitee `userId` declines their invitation to `id` (kept, marked declined: it no
   * longer opens the challenge to them, and the creator cannot send it again); answers
   * whether there was a pending one.
   */
  async decline(userId: string, id: string): Promise<boolean> {
    const [, count]: [unknown, number] = await this.db.query(
      `UPDATE challenge_invitations SET declined_at = now()
        WHERE challenge_id = $1 AND user_id = $2 AND declined_at IS NULL`,
      [id, userId],
    );
    return count > 0;
  }

  /** The challenge's title, for the notification of `userId`'s pending invitation to it. */
  async invitationTitle(userId: string, id: string): Promise<string | null> {
    const [row]: { title: string }[] = await this.db.query(
      `SELECT c.title FROM challenges c
         JOIN challenge_invitations i ON i.challenge_id = c.id AND i.user_id = $2
        WHERE c.id = $1 AND i.declined_at IS NULL AND c.status = 'open'`,
      [id, userId],
    );
    return row?.title ?? null;
  }

  /**
   * Invitations of `inviteeIds` to `challengeId`, with `challenge.invited` for the newly
   * invited (in the caller's transaction). Only existing accounts, not the creator, outside a
   * block with the creator (either way), not taking part already; an invitation already sent,
   * declined or not, is not sent again. Everyone else is left out silently (nobody learns of a
   * block or a decline).
   */
  private async insertInvitations(
    manager: EntityManager,
    creatorId: string,
    challengeId: string,
    inviteeIds: string[],
  ): Promise<void> {
    if (inviteeIds.length === 0) return;
    const invited: { userId: string }[] = await manager.query(
      `INSERT INTO challenge_invitations (challenge_id, user_id)
       SELECT $1, u.id FROM users u
        WHERE u.id = ANY($2::uuid[]) AND u.id <> $3
          AND NOT ${blockedEitherWaySql('u.id', '$3')}
          AND NOT EXISTS (SELECT 1 FROM challenge_participants p
                           WHERE p.challenge_id = $1 AND p.user_id = u.id)
       ON CONFLICT DO NOTHING
       RETURNING user_id AS "userId"`,
      [challengeId, inviteeIds, creatorId],
    );
    if (invited.length === 0) return;
    await publishDomainEvents(
      manager,
      domainEvent('challenge.invited', {
        userId: creatorId,
        challengeId,
        inviteeIds: invited.map((row) => row.userId),
      }),
    );
  }

  /** One challenge as `viewerId` may see it (null: unknown or not visible). */
  async findVisible(viewerId: string, id: string): Promise<ChallengeRow | null> {
    const [row]: ChallengeRow[] = await this.db.query(
      `SELECT ${CHALLENGE_COLUMNS}
         FROM challenges c JOIN users u ON u.id = c.creator_id
        WHERE c.id = $2 AND ${challengeVisibleToSql('c', '$1')}`,
      [viewerId, id],
    );
    return row ?? null;
  }

  /**
   * The challenges `viewerId` may see, by `filter`, latest start first (IDX_challenges_status_starts
   * for active and upcoming; the creator and participant indexes for mine and friends').
   */
  async list(
    viewerId: string,
    filter: ChallengeFilter | undefined,
    offset: number,
    limit: number,
  ): Promise<{ items: ChallengeRow[]; total: number }> {
    const rows: (ChallengeRow & { total: number })[] = await this.db.query(
      pageWithTotalSql(
        `SELECT c.id, c.starts_at FROM challenges c
          WHERE ${filter ? FILTERS[filter] : 'true'} AND ${challengeVisibleToSql('c', '$1')}`,
        `SELECT ${CHALLENGE_COLUMNS}
           FROM matches m JOIN challenges c ON c.id = m.id JOIN users u ON u.id = c.creator_id
          ORDER BY m.starts_at DESC, m.id DESC OFFSET $2 LIMIT $3`,
      ),
      [viewerId, offset, limit],
    );
    return splitPageWithTotal(rows);
  }

  /**
   * Joins `userId` to an open challenge that has not ended, visible to them; answers whether
   * they are a participant now (false: not visible, closed or ended). Joining twice is a no-op.
   * Progress is measured at once (workouts already held in the window count).
   */
  async join(userId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO challenge_participants (challenge_id, user_id, progress, reached_at)
       SELECT c.id, $1, v.progress, v.reached_at
         FROM challenges c, LATERAL ${progressSql('c', '$1')} v
        WHERE c.id = $2 AND c.status = 'open' AND c.ends_at > now()
          AND ${challengeVisibleToSql('c', '$1')}
       ON CONFLICT (challenge_id, user_id) DO UPDATE SET progress = challenge_participants.progress
       RETURNING 1`,
      [userId, id],
    );
    return rows.length > 0;
  }

  /** Leaves an open challenge; answers whether a participation was removed. */
  async leave(userId: string, id: string): Promise<boolean> {
    const [{ left }]: { left: number }[] = await this.db.query(
      `WITH removed AS (
         DELETE FROM challenge_participants p USING challenges c
          WHERE p.challenge_id = $2 AND p.user_id = $1 AND c.id = p.challenge_id
            AND c.status = 'open'
         RETURNING 1)
       SELECT count(*)::int AS left FROM removed`,
      [userId, id],
    );
    return left > 0;
  }

  /**
   * A page of the participants ranked (RANK over every participant, then the viewer's blocks
   * left out: ranks keep their gaps), with the total, and the viewer's own standing. A closed
   * challenge answers its final ranks. One statement: the ranking is computed once (a CTE read
   * twice is materialised) for the page, the total and the viewer's row.
   * IDX_challenge_participants_board.
   */
  async standings(
    viewerId: string,
    id: string,
    offset: number,
    limit: number,
    order: 'rank' | 'joined' = 'rank',
  ): Promise<{ items: StandingRow[]; total: number; me: StandingRow | null }> {
    const rows: (StandingRow & { total: number; me: StandingRow | null })[] = await this.db.query(
      pageWithTotalSql(
        `WITH ranked AS (
           SELECT p.user_id AS id, coalesce(p.final_rank, ${RANK_SQL}) AS rank,
                  u.display_name AS "displayName", u.avatar_digest AS "avatarDigest",
                  p.progress::float8 AS progress, ${isoInstantSql('p.reached_at')} AS "reachedAt",
                  p.badge, ${isoInstantSql('p.joined_at')} AS "joinedAt"
             FROM challenge_participants p JOIN users u ON u.id = p.user_id
            WHERE p.challenge_id = $2)
         SELECT * FROM ranked r WHERE NOT ${blockedEitherWaySql('r.id', '$1')}`,
        `SELECT * FROM matches m
          ORDER BY ${order === 'rank' ? 'm.rank' : 'm."joinedAt"'}, m.id OFFSET $3 LIMIT $4`,
        // The viewer is never in a block with themselves: their row is among the matches.
        '(SELECT to_jsonb(m) FROM matches m WHERE m.id = $1) AS me',
      ),
      [viewerId, id, offset, limit],
    );
    const me = rows[0]?.me ?? null;
    const page = splitPageWithTotal(rows.map(({ me: _me, ...row }) => row));
    return { ...page, me };
  }

  /**
   * Measures again the progress of `userId` in every open challenge they take part in
   * (IDX_challenge_participants_user), from their workouts; writes only what changed.
   */
  async recomputeForUser(userId: string): Promise<number> {
    const [{ changed }]: { changed: number }[] = await this.db.query(
      `WITH changed AS (
         UPDATE challenge_participants t
            SET progress = n.progress, reached_at = n.reached_at
           FROM ${measuredSql("p.user_id = $1 AND c.status = 'open'")} n
          WHERE t.challenge_id = n.challenge_id AND t.user_id = n.user_id
            AND (t.progress <> n.progress OR t.reached_at IS DISTINCT FROM n.reached_at)
         RETURNING 1)
       SELECT count(*)::int AS changed FROM changed`,
      [userId],
    );
    return changed;
  }

  /** The open challenges whose end (plus `graceMinutes`) has passed, oldest end first. */
  async dueForClosing(graceMinutes: number, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM challenges
        WHERE status = 'open' AND ends_at <= now() - make_interval(mins => $1)
        ORDER BY ends_at LIMIT $2`,
      [graceMinutes, limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Closes one challenge, once: under its row lock (FOR UPDATE SKIP LOCKED: a concurrent close
   * skips it), if still open, its participants' progress measured a last time, final ranks and
   * badges stored, the status set and `challenge.closed` published, all in one transaction.
   * Answers whether this call closed it (false: already closed, or being closed elsewhere).
   */
  async close(id: string): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const [claimed]: { id: string }[] = await manager.query(
        `SELECT id FROM challenges WHERE id = $1 AND status = 'open' FOR UPDATE SKIP LOCKED`,
        [id],
      );
      if (!claimed) return false;
      await this.finalStandings(manager, id);
      const closed = await writeWithEvents(
        manager,
        {
          sql: `UPDATE challenges SET status = 'closed', closed_at = now(), updated_at = now()
                 WHERE id = $1 AND status = 'open' RETURNING id`,
          parameters: [id],
        },
        domainEvent('challenge.closed', { challengeId: id }),
      );
      return closed.length > 0;
    });
  }

  private async finalStandings(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE challenge_participants t SET progress = n.progress, reached_at = n.reached_at
         FROM ${measuredSql('p.challenge_id = $1')} n
        WHERE t.challenge_id = n.challenge_id AND t.user_id = n.user_id`,
      [id],
    );
    await manager.query(
      `UPDATE challenge_participants t
          SET final_rank = r.rank,
              badge = CASE WHEN t.progress > 0 AND r.rank = 1 THEN '${ChallengeBadge.Winner}'
                           WHEN t.progress > 0 THEN '${ChallengeBadge.Finisher}' END::challenge_badge
         FROM (SELECT p.user_id, ${RANK_SQL} AS rank
                 FROM challenge_participants p WHERE p.challenge_id = $1) r
        WHERE t.challenge_id = $1 AND t.user_id = r.user_id`,
      [id],
    );
  }
}
