import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { Signer } from '../../common/crypto/signer';
import Redis from 'ioredis';
import { AuthenticatedUser, Role } from '../../common/auth/roles';
import { ModerationService } from '../moderation/moderation.service';
import { AuditAction, AuditTarget } from '../moderation/moderation.vocabulary';
import { QueueBoardLinkDto } from './dto/queue.dto';
import { AppConfig } from '../../config/app-config';
import { InjectRedis } from '../../infrastructure/redis/redis.module';
import { SessionRevocations } from '../auth/session-revocations.service';
import { isSuspendedNow, UserStatus } from '../users/user.vocabulary';
import { UsersService } from '../users/users.service';

/** How long the link from POST /admin/queues/board-session may be opened. */
const TICKET_TTL_SECONDS = 60;

export const BOARD_COOKIE = 'fitai_queue_board';

interface BoardClaims {
  /** The admin. */
  u: string;
  /** Their login session: signing out (or a suspension) closes the board too. */
  s: string;
  /** Expiry, ms since the epoch. */
  e: number;
}

/** A mutating request to the board's API, as audited (docs/admin.md, "The audit log"). */
export interface BoardAction {
  /** What was asked, from the route: `retry failed`, `clean job`, `pause`, ... */
  name: string;
  /** Null: every queue (pause all, resume all). */
  queue: string | null;
  jobId: string | null;
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/**
 * Browser access to the queue dashboard (docs/admin.md, "Queue dashboard"): a browser cannot
 * send the API's bearer token, so an admin trades it (POST /admin/queues/board-session) for a
 * single-use link valid a minute; opening the link sets a short-lived, HttpOnly, SameSite=Strict
 * cookie scoped to the board's path, signed with a key derived from the access-token secret.
 * Every board request checks the signature, the expiry, that the login session is not revoked
 * and that the account is still an active admin.
 */
@Injectable()
export class QueueBoardAccess {
  private readonly signer: Signer;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly revocations: SessionRevocations,
    private readonly users: UsersService,
    private readonly moderation: ModerationService,
    private readonly config: AppConfig,
  ) {
    // This key derivation predates Signer.forPurpose: kept, so open board sessions survive.
    this.signer = new Signer(
      createHash('sha256').update(`queue-board:${config.auth.accessSecret}`).digest(),
    );
  }

  /** The admin's link to the board (a single-use ticket), audited. */
  async open(caller: AuthenticatedUser, boardPath: string): Promise<QueueBoardLinkDto> {
    const { ticket, ttl } = await this.issueTicket(caller.id, caller.sessionId);
    await this.moderation.recordAdminAction({
      actorId: caller.id,
      action: AuditAction.OpenQueueBoard,
      targetType: AuditTarget.Queue,
      targetId: null,
      targetOwnerId: null,
      note: 'queue dashboard',
      restrictedUntil: null,
    });
    return { url: `${boardPath}/login?ticket=${ticket}`, expiresInSeconds: ttl };
  }

  /** A single-use ticket for the caller's session. */
  private async issueTicket(
    userId: string,
    sessionId: string,
  ): Promise<{ ticket: string; ttl: number }> {
    const ticket = randomBytes(32).toString('base64url');
    await this.redis.set(
      this.ticketKey(ticket),
      JSON.stringify({ userId, sessionId }),
      'EX',
      TICKET_TTL_SECONDS,
    );
    return { ticket, ttl: TICKET_TTL_SECONDS };
  }

  /** Spends a ticket: the cookie value and its lifetime, or null (unknown, used, expired). */
  async redeem(ticket: string): Promise<{ cookie: string; maxAgeSeconds: number } | null> {
    if (!/^[\w-]{43}$/.test(ticket)) return null;
    const stored = await this.redis.getdel(this.ticketKey(ticket));
    if (!stored) return null;
    const { userId, sessionId } = JSON.parse(stored) as { userId: string; sessionId: string };
    const maxAgeSeconds = this.config.admin.queueBoardSessionMinutes * 60;
    const claims: BoardClaims = { u: userId, s: sessionId, e: Date.now() + maxAgeSeconds * 1000 };
    const payload = base64url(JSON.stringify(claims));
    return { cookie: `${payload}.${this.signer.sign(payload)}`, maxAgeSeconds };
  }

  /** The admin a cookie value lets see the board now, or null. */
  async adminOf(cookie: string | undefined): Promise<string | null> {
    if (!cookie) return null;
    const [payload, signature] = cookie.split('.');
    if (!payload || !signature) return null;
    if (!this.signer.verify(payload, signature)) return null;
    let claims: BoardClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as BoardClaims;
    } catch {
      return null;
    }
    if (typeof claims.e !== 'number' || claims.e <= Date.now()) return null;
    if (this.revocations.state(claims.s) !== 'active') return null;
    const user = await this.users.findById(claims.u);
    const allowed =
      user?.role === Role.Admin && user.status !== UserStatus.Deleted && !isSuspendedNow(user);
    return allowed ? user.id : null;
  }

  /**
   * Audits a request that changes something through the board (retry, clean, promote, pause,
   * ...), before it runs: an action the audit could not record does not happen.
   */
  async recordBoardAction(adminId: string, action: BoardAction): Promise<void> {
    const scope = action.queue ? `queue ${action.queue}` : 'every queue';
    const jobs = action.jobId ? `, job ${action.jobId}` : '';
    await this.moderation.recordAdminAction({
      actorId: adminId,
      action: AuditAction.QueueBoardAction,
      targetType: AuditTarget.Queue,
      targetId: null,
      targetOwnerId: null,
      note: `queue dashboard: ${action.name} (${scope}${jobs})`.slice(0, 1000),
      restrictedUntil: null,
    });
  }

  private ticketKey(ticket: string): string {
    return `queue-board-ticket:${createHash('sha256').update(ticket).digest('hex')}`;
  }
}
