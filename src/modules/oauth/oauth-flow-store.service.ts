import { Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { createHash, randomBytes } from 'node:crypto';
import { InjectRedis } from '../../infrastructure/redis/redis.module';
import { OAuthProviderName } from './entities/user-identity.entity';

/** How long a user may take on the provider's consent screen. */
export const STATE_TTL_SECONDS = 600;
/** How long the client has to exchange the one-time code for tokens. */
export const CODE_TTL_SECONDS = 60;

/** What the API remembers between `GET /auth/{provider}` and its callback. */
export interface PendingSignIn {
  provider: OAuthProviderName;
  redirectUri: string;
  /** PKCE-style S256 challenge of the initiating client, if it sent one. */
  codeChallenge: string | null;
}

/** What a one-time code stands for until `POST /auth/exchange` redeems it. */
export interface IssuedCode {
  userId: string;
  codeChallenge: string | null;
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Keys hold a hash of the secret: reading Redis does not yield usable states or codes. */
function keyFor(kind: 'state' | 'code', secret: string): string {
  return `oauth:${kind}:${createHash('sha256').update(secret).digest('base64url')}`;
}

/**
 * The short-lived secrets of a social sign-in, in Redis (no server session exists): the
 * `state` sent to the provider and the one-time code handed to the client. Both are taken
 * with GETDEL, so each can be used exactly once, even by concurrent requests or replicas.
 */
@Injectable()
export class OAuthFlowStore {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async createState(pending: PendingSignIn): Promise<string> {
    const state = newSecret();
    await this.redis.set(keyFor('state', state), JSON.stringify(pending), 'EX', STATE_TTL_SECONDS);
    return state;
  }

  /** The pending sign-in, or null for an unknown, expired, reused or forged state. */
  async takeState(state: string): Promise<PendingSignIn | null> {
    const raw = await this.redis.getdel(keyFor('state', state));
    return raw ? (JSON.parse(raw) as PendingSignIn) : null;
  }

  async createCode(issued: IssuedCode): Promise<string> {
    const code = newSecret();
    await this.redis.set(keyFor('code', code), JSON.stringify(issued), 'EX', CODE_TTL_SECONDS);
    return code;
  }

  /** The code's payload, or null for an unknown, expired or already used code. */
  async takeCode(code: string): Promise<IssuedCode | null> {
    const raw = await this.redis.getdel(keyFor('code', code));
    return raw ? (JSON.parse(raw) as IssuedCode) : null;
  }
}
