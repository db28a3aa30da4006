import {
  Injectable,
  Logger,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '../../../config/app-config';
import { AuthenticatedUser } from '../../../common/auth/roles';
import { SessionRevocations } from '../session-revocations.service';
import { AccessTokenClaims } from '../token.service';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly logger = new Logger(JwtStrategy.name);

  constructor(
    config: AppConfig,
    private readonly revocations: SessionRevocations,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.auth.accessSecret,
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
    return { id: claims.sub, role: claims.role, sessionId: claims.sid };
  }
}
