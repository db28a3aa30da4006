import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AccessTokenKey } from './access-token-key';
import { SessionRevocations } from './session-revocations.service';
import { AccessTokenClaims } from './token.service';

/** Who an access token speaks for, and until when. */
export interface AccessTokenIdentity {
  userId: string;
  sessionId: string;
  /** When the token expires (ms since the epoch). */
  expiresAt: number;
}

/**
 * The access-token check outside HTTP requests (the socket handshake): the same key, algorithm
 * and expiry as JwtStrategy, and the same deny-list of revoked sessions (fail closed).
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly key: AccessTokenKey,
    private readonly revocations: SessionRevocations,
  ) {}

  /** The identity, or why the token is refused (a sentence for the client). */
  verify(token: string): AccessTokenIdentity | { refused: string } {
    let claims: AccessTokenClaims & { exp: number };
    try {
      claims = this.jwt.verify(token, {
        // jsonwebtoken accepts the KeyObject; @nestjs/jwt's types predate it (as JwtStrategy).
        secret: this.key.key as unknown as Buffer,
        algorithms: ['HS256'],
      });
    } catch {
      return { refused: 'The access token is invalid or expired.' };
    }
    const session = this.revocations.state(claims.sid);
    if (session === 'revoked') return { refused: 'This session has been signed out.' };
    if (session === 'unknown') return { refused: 'Authentication is temporarily unavailable.' };
    return { userId: claims.sub, sessionId: claims.sid, expiresAt: claims.exp * 1000 };
  }
}
