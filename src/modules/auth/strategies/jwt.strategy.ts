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

  validate(claims: AccessTokenClaims): AuthenticatedUser {
    const session = this.revocations.state(claims.sid);
    if (session === 'unknown') {
      // Fail closed: without current revocations we cannot tell a signed-out token from a live one.
      this.logger.error('revoked sessions could not be refreshed; refusing access tokens');
      throw new ServiceUnavailableException('Authentication is temporarily unavailable.');
    }
    if (session === 'revoked') throw new UnauthorizedException('This session has been signed out.');
    return {
      id: claims.sub,
      role: claims.role,
      sessionId: claims.sid,
      emailVerified: claims.ev === true,
    };
  }
}
