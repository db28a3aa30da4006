import { DomainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { writeWithEvents } from '../../infrastructure/events/publish-domain-events';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { RefreshToken } from './entities/refresh-token.entity';

export interface ActiveSession {
  id: string;
  startedAt: Date;
  lastActiveAt: Date;
  userAgent: string | null;
  ip: string | null;
}

export type NewRefreshToken = Pick<
  RefreshToken,
  'userId' | 'familyId' | 'tokenHash' | 'expiresAt' | 'userAgent' | 'ip'
>;

@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>) {}

  /** With `events` (a new sign-in announced), published in the same statement. */
  async insert(token: NewRefreshToken, ...events: DomainEvent[]): Promise<void> {
    if (events.length === 0) {
      await this.tokens.insert(token);
      return;
    }
    const [sql, parameters] = this.tokens
      .createQueryBuilder()
      .insert()
      .values(token)
      .returning('id')
      .getQueryAndParameters();
    await writeWithEvents(this.tokens.manager, { sql, parameters }, ...events);
  }

  /** Uses UQ_refresh_tokens_token_hash. */
  findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.tokens.findOneBy({ tokenHash });
  }

  /**
   * Atomically claims a token for rotation. Only one of two concurrent refreshes with the
   * same token can win; the loser sees `false` and is treated as a reuse.
   */
  async claim(id: string): Promise<boolean> {
    const { affected } = await this.tokens.update(
      { id, usedAt: IsNull(), revokedAt: IsNull() },
      { usedAt: () => 'now()' },
    );
    return affected === 1;
  }

  /** The database's clock: the revocation watermark must not depend on this host's. */
  async databaseNow(): Promise<Date> {
    const [{ now }]: { now: Date }[] = await this.tokens.query('SELECT now() AS now');
    return now;
  }

  /**
   * Sessions (families) revoked after `since`, with when (IDX_refresh_tokens_revoked_at). A
   * session is revoked once any of its tokens is: every revocation marks the whole family.
   */
  async revokedSince(since: Date): Promise<{ sessionId: string; revokedAt: Date }[]> {
    return this.tokens.query(
      `SELECT family_id AS "sessionId", max(revoked_at) AS "revokedAt"
         FROM refresh_tokens
        WHERE revoked_at > $1
        GROUP BY family_id`,
      [since],
    );
  }

  /** Ends every session of a user but `except`; returns the ended session ids (IDX_refresh_tokens_user_id). */
  async revokeAllFamilies(userId: string, except?: string): Promise<string[]> {
    const rows: { family_id: string }[][] = await this.tokens.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR family_id <> $2::uuid)
        RETURNING family_id`,
      [userId, except ?? null],
    );
    return [...new Set(rows[0].map((r) => r.family_id))];
  }

  /**
   * The user's live sessions: families with an unused, unrevoked, unexpired token, newest
   * activity first (IDX_refresh_tokens_user_id).
   */
  async findActiveSessions(
    userId: string,
    offset: number,
    limit: number,
  ): Promise<[ActiveSession[], number]> {
    const rows: (ActiveSession & { total: number })[] = await this.tokens.query(
      `SELECT family_id AS "id", min(created_at) AS "startedAt", max(created_at) AS "lastActiveAt",
              (array_agg(user_agent ORDER BY created_at DESC))[1] AS "userAgent",
              (array_agg(ip ORDER BY created_at DESC))[1] AS "ip",
              count(*) OVER ()::int AS "total"
         FROM refresh_tokens
        WHERE user_id = $1
        GROUP BY family_id
       HAVING bool_and(revoked_at IS NULL) AND bool_or(used_at IS NULL AND expires_at > now())
        ORDER BY max(created_at) DESC
        OFFSET $2 LIMIT $3`,
      [userId, offset, limit],
    );
    return [rows.map(({ total: _total, ...session }) => session), rows[0]?.total ?? 0];
  }

  /** Whether a live session belongs to the user (IDX_refresh_tokens_family_id). */
  async isActiveSessionOf(userId: string, familyId: string): Promise<boolean> {
    return this.tokens.exists({ where: { familyId, userId, revokedAt: IsNull() } });
  }

  /** Uses IDX_refresh_tokens_family_id. */
  async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  /** When the session (refresh-token family) was signed in (IDX_refresh_tokens_family_id). */
  async sessionStartedAt(userId: string, familyId: string): Promise<Date | null> {
    const [row]: { startedAt: Date | null }[] = await this.tokens.query(
      `SELECT min(created_at) AS "startedAt" FROM refresh_tokens
        WHERE family_id = $1 AND user_id = $2`,
      [familyId, userId],
    );
    return row?.startedAt ?? null;
  }
}
