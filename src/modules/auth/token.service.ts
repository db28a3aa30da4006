import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { Role } from '../../common/auth/roles';
import { AccessTokenKey } from './access-token-key';

/** Claims of a FitAI access token. `sid` is the login session (refresh-token family). */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  sid: string;
  /** Email verified when the token was issued (refresh after verifying to update it). */
  ev: boolean;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly accessTokenKey: AccessTokenKey,
  ) {}

  signAccessToken(claims: AccessTokenClaims): Promise<string> {
    return this.jwt.signAsync(claims, {
      privateKey: this.accessTokenKey.key,
      expiresIn: this.config.auth.accessTtlSeconds,
      jwtid: randomUUID(),
      algorithm: 'HS256',
    });
  }

  /** An opaque, 256-bit token (refresh tokens, email links) and the hash it is stored under. */
  newOpaqueToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: this.hashOpaqueToken(token) };
  }

  /** Keyed with JWT_REFRESH_SECRET: a leaked table alone does not allow forging lookups. */
  hashOpaqueToken(token: string): string {
    return createHmac('sha256', this.config.auth.refreshSecret).update(token).digest('hex');
  }

  refreshExpiry(from = new Date()): Date {
    return new Date(from.getTime() + this.config.auth.refreshTtlSeconds * 1000);
  }
}
