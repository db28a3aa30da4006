import { ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { AuthenticatedUser } from '../../common/auth/roles';
import { EmailsService } from '../emails/emails.service';
import { UserDto } from '../users/dto/user.dto';
import { User, UserStatus } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { LoginDto, RegisterDto } from './dto/credentials.dto';
import { AuthResponseDto, TokenResponseDto } from './dto/token-response.dto';
import { PasswordHasher } from './password-hasher.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionRevocations } from './session-revocations.service';
import { TokenService } from './token.service';

/** Where a sign-in came from; stored with the session so users can recognise it later. */
export interface ClientInfo {
  userAgent?: string;
  ip?: string;
}

const INVALID_CREDENTIALS = 'Invalid email or password.';
const INVALID_REFRESH = 'The refresh token is invalid or expired.';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly revocations: SessionRevocations,
    private readonly emails: EmailsService,
    private readonly config: AppConfig,
  ) {}

  async register(dto: RegisterDto, client: ClientInfo): Promise<AuthResponseDto> {
    const user = await this.users.create({
      email: dto.email,
      passwordHash: await this.hasher.hash(dto.password),
      displayName: dto.displayName ?? dto.email.split('@')[0].slice(0, 80),
    });
    // After the commit: the account exists whatever happens to the welcome email.
    await this.emails
      .sendWelcome(user.id)
      .catch((error: unknown) =>
        this.logger.error({ err: error, userId: user.id }, 'could not enqueue the welcome email'),
      );
    return this.signIn(user, client);
  }

  /** Same 401 and similar timing whether the email is unknown or the password wrong. */
  async login(dto: LoginDto, client: ClientInfo): Promise<AuthResponseDto> {
    const user = await this.users.findByEmail(dto.email);
    const valid = user?.passwordHash
      ? await this.hasher.verify(user.passwordHash, dto.password)
      : await this.hasher.verifyAgainstNothing(dto.password);
    if (!user || !valid) throw new UnauthorizedException(INVALID_CREDENTIALS);
    this.assertActive(user);
    return this.signIn(user, client);
  }

  /** Rotates the refresh token. A token presented twice revokes its whole session. */
  async refresh(refreshToken: string, client: ClientInfo): Promise<TokenResponseDto> {
    const stored = await this.refreshTokens.findByHash(this.tokens.hashRefreshToken(refreshToken));
    if (!stored) throw new UnauthorizedException(INVALID_REFRESH);
    const reused =
      stored.usedAt !== null ||
      stored.revokedAt !== null ||
      (stored.expiresAt.getTime() > Date.now() && !(await this.refreshTokens.claim(stored.id)));
    if (reused) {
      await this.revokeSession(stored.familyId);
      this.logger.warn(
        { userId: stored.userId, sessionId: stored.familyId },
        'refresh token reuse detected: session revoked',
      );
      throw new UnauthorizedException(
        'The refresh token was already used; the session has been revoked.',
      );
    }
    if (stored.expiresAt.getTime() <= Date.now()) throw new UnauthorizedException(INVALID_REFRESH);

    const user = await this.users.findById(stored.userId);
    if (!user || user.status !== UserStatus.Active) {
      await this.revokeSession(stored.familyId);
      throw new UnauthorizedException(INVALID_REFRESH);
    }
    return this.issueTokens(user, stored.familyId, client);
  }

  async logout(caller: AuthenticatedUser): Promise<void> {
    await this.revokeSession(caller.sessionId);
  }

  private async revokeSession(sessionId: string): Promise<void> {
    await this.refreshTokens.revokeFamily(sessionId);
    await this.revocations.revoke(sessionId);
  }

  private assertActive(user: User): void {
    if (user.status !== UserStatus.Active) {
      throw new ForbiddenException('This account is suspended.');
    }
  }

  /**
   * Starts a new session (refresh-token family) for an account whose identity was proven
   * elsewhere: a password here, or a social provider (OAuth module).
   */
  async signIn(user: User, client: ClientInfo): Promise<AuthResponseDto> {
    this.assertActive(user);
    const tokens = await this.issueTokens(user, randomUUID(), client);
    return { ...tokens, user: UserDto.from(user) };
  }

  private async issueTokens(
    user: User,
    sessionId: string,
    client: ClientInfo,
  ): Promise<TokenResponseDto> {
    const refresh = this.tokens.newRefreshToken();
    await this.refreshTokens.insert({
      userId: user.id,
      familyId: sessionId,
      tokenHash: refresh.hash,
      expiresAt: this.tokens.refreshExpiry(),
      userAgent: client.userAgent?.slice(0, 255) ?? null,
      ip: client.ip?.slice(0, 64) ?? null,
    });
    return {
      accessToken: await this.tokens.signAccessToken({
        sub: user.id,
        role: user.role,
        sid: sessionId,
      }),
      refreshToken: refresh.token,
      tokenType: 'Bearer',
      expiresIn: this.config.auth.accessTtlSeconds,
    };
  }
}
