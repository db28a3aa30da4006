import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import Redis from 'ioredis';
import { APP_ROLE, AppRole } from '../../config/app-role';
import { AppConfig } from '../../config/app-config';
import {
  appKeyPrefix,
  createRedisClient,
  InjectRedis,
  retrySubscriptionsWhenReady,
} from '../../infrastructure/redis/redis.module';
import { RefreshTokensRepository } from './refresh-tokens.repository';

/** What the access-token check knows about a session. */
export type SessionState = 'active' | 'revoked' | 'unknown';

/** Re-read a little before the last watermark: a revocation committed late is not missed. */
const OVERLAP_MS = 10_000;
/** Revocations are kept this long past the longest an access token lives (clock skew). */
const SKEW_MS = 60_000;

/**
 * Which login sessions are revoked (logout, password change or reset, session deletion, reuse
 * of a refresh token), for the access-token check of every request. PostgreSQL is the truth: a
 * session is revoked when its refresh-token family is. Each API process holds the sessions
 * revoked within an access token's lifetime in memory: loaded at start, told at once by Redis
 * pub/sub when another replica revokes one, and re-read from PostgreSQL every
 * REVOCATIONS_POLL_MS as the safety net (Redis down, emptied, or a message missed). The check
 * itself makes no round trip; when the set could not be refreshed for a while it answers
 * `unknown` and the request is refused (fail closed).
 */
@Injectable()
export class SessionRevocations implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionRevocations.name);
  /** Session id → when it was revoked (ms). */
  private readonly revoked = new Map<string, number>();
  private watermark?: Date;
  private syncedAt = 0;
  private timer?: NodeJS.Timeout;
  private subscriber?: Redis;
  private readonly channel: string;
  private readonly listeners: ((sessionId: string) => void)[] = [];

  constructor(
    private readonly tokens: RefreshTokensRepository,
    @InjectRedis() private readonly redis: Redis,
    private readonly config: AppConfig,
    @Inject(APP_ROLE) private readonly role: AppRole,
  ) {
    this.channel = `${appKeyPrefix(config)}session-revoked`;
  }

  /** Only the API checks access tokens; it does not serve before the set is loaded. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.role !== 'api') return;
    this.subscribe();
    await this.sync();
    this.timer = setInterval(
      () => void this.sync().catch(() => undefined),
      this.config.auth.revocationsPollMs,
    );
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    await subscriber?.quit().catch(() => subscriber.disconnect());
  }

  /**
   * `listener` hears of each session newly known as revoked in this process (announced here,
   * broadcast by another replica, or read by the poll): the socket gateway drops its sockets.
   */
  onRevoked(listener: (sessionId: string) => void): void {
    this.listeners.push(listener);
  }

  state(sessionId: string): SessionState {
    if (this.revoked.has(sessionId)) return 'revoked';
    return Date.now() - this.syncedAt > this.staleAfterMs() ? 'unknown' : 'active';
  }

  /**
   * After the revocation committed in PostgreSQL: this process knows at once, the others by
   * pub/sub (best effort: their next poll catches a lost message).
   */
  async announce(sessionIds: string[]): Promise<void> {
    const at = Date.now();
    for (const sessionId of sessionIds) this.remember(sessionId, at);
    await Promise.all(
      sessionIds.map((sessionId) =>
        this.redis.publish(this.channel, JSON.stringify({ sessionId, at })).catch((error) => {
          this.logger.warn({ err: error }, 'revocation not broadcast; replicas will poll it');
        }),
      ),
    );
  }

  /** Reads the revocations since the last watermark (all those still relevant at start). */
  async sync(): Promise<void> {
    try {
      const now = await this.tokens.databaseNow();
      const since =
        this.watermark ??
        new Date(now.getTime() - this.config.auth.accessTtlSeconds * 1000 - SKEW_MS);
      for (const { sessionId, revokedAt } of await this.tokens.revokedSince(since)) {
        this.remember(sessionId, revokedAt.getTime());
      }
      this.watermark = new Date(now.getTime() - OVERLAP_MS);
      this.syncedAt = Date.now();
      this.forgetExpired();
    } catch (error) {
      this.logger.warn({ err: error }, 'revoked sessions not refreshed from PostgreSQL');
      throw error;
    }
  }

  private remember(sessionId: string, at: number): void {
    const known = this.revoked.has(sessionId);
    this.revoked.set(sessionId, at);
    if (known) return;
    for (const listener of this.listeners) listener(sessionId);
  }

  /** A revocation older than any access token it could block is dropped. */
  private forgetExpired(): void {
    const horizon = Date.now() - this.config.auth.accessTtlSeconds * 1000 - SKEW_MS;
    for (const [sessionId, at] of this.revoked) {
      if (at < horizon) this.revoked.delete(sessionId);
    }
  }

  /** A few missed polls are tolerated (PostgreSQL slow for a moment); more is not knowing. */
  private staleAfterMs(): number {
    return Math.max(10_000, 5 * this.config.auth.revocationsPollMs);
  }

  private subscribe(): void {
    const subscriber = createRedisClient(this.config, 'revocations');
    subscriber.on('error', (error: Error) =>
      this.logger.warn({ err: error }, 'revocation channel unavailable; polling meanwhile'),
    );
    subscriber.on('message', (_channel: string, message: string) => {
      try {
        const { sessionId, at } = JSON.parse(message) as { sessionId: string; at: number };
        if (typeof sessionId === 'string') this.remember(sessionId, Number(at) || Date.now());
      } catch {
        // Not ours: ignore.
      }
    });
    retrySubscriptionsWhenReady(subscriber, (error) =>
      this.logger.warn({ err: error }, 'revocation channel not subscribed; polling meanwhile'),
    );
    void subscriber.subscribe(this.channel);
    this.subscriber = subscriber;
  }
}
