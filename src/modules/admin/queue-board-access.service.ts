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
import { UserStatus } from '../users/user.vocabulary';
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

  /** Whether a cookie value lets its bearer see the board now. */
  async allows(cookie: string | undefined): Promise<boolean> {
    if (!cookie) return false;
    const [payload, signature] = cookie.split('.');
    if (!payload || !signature) return false;
    if (!this.signer.verify(payload, signature)) return false;
    let claims: BoardClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as BoardClaims;
    } catch {
      return false;
    }
    if (typeof claims.e !== 'number' || claims.e <= Date.now()) return false;
    if (this.revocations.state(claims.s) !== 'active') return false;
    const user = await this.users.findById(claims.u);
    return user?.role === Role.Admin && user.status === UserStatus.Active;
  }

  private ticketKey(ticket: string): string {
    return `queue-board-ticket:${createHash('sha256').update(ticket).digest('hex')}`;
  }
}
