import {
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AuthenticatedUser } from '../../../common/auth/roles';
import { AccessTokenKey } from '../access-token-key';
import { SessionRevocations } from '../session-revocations.service';
import { AccessTokenClaims } from '../token.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly logger = new Logger(JwtStrategy.name);

  constructor(
    accessTokenKey: AccessTokenKey,
    private readonly revocations: SessionRevocations,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands the key to jsonwebtoken, which accepts a KeyObject; its types
      // predate that.
      secretOrKey: accessTokenKey.key as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<AuthenticatedUser> {
    let revoked: boolean;
    try {
      revoked = await this.revocations.isRevoked(claims.sid);
    } catch (error) {
      // Fail closed: without the deny-list we cannot tell a logged-out token from a live one.
      this.logger.error({ err: error }, 'session deny-list unavailable');
      throw new ServiceUnavailableException('Authentication is temporarily unavailable.');
    }
    if (revoked) throw new UnauthorizedException('This session has been signed out.');
    return {
      id: claims.sub,
      role: claims.role,
      sessionId: claims.sid,
      emailVerified: claims.ev === true,
    };
  }
}
