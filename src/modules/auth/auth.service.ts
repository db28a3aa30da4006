import { DomainEvent, domainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { Injectable, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { Page, toPage } from '../../common/pagination/page';
import { offsetOf, PageQueryDto } from '../../common/pagination/page-query.dto';
import { ProblemException, ValidationProblem } from '../../common/errors/domain-errors';
import { AuthProblems } from './auth-problems';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { AuthenticatedUser } from '../../common/auth/roles';
import { EmailsService } from '../emails/emails.service';
import { UserDto } from '../users/dto/user.dto';
import { isSuspendedNow, UserAccount, UserStatus } from '../users/user.vocabulary';
import { UsersService } from '../users/users.service';
import { LoginDto, RegisterDto } from './dto/credentials.dto';
import { SessionDto } from './dto/session.dto';
import { AuthResponseDto, TokenResponseDto } from './dto/token-response.dto';
import { AccountEmailsService } from './account-emails.service';
import { AccountTokensRepository } from './account-tokens.repository';
import { AccountTokenPurpose } from './entities/account-token.entity';
import { PasswordHasher } from './password-hasher.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionRevocations } from './session-revocations.service';
import { TokenService } from './token.service';
import { ClientInfo } from '../../common/http/client-info.decorator';
import { RealtimeEmitter } from '../../infrastructure/realtime/realtime-emitter';

const INVALID_CREDENTIALS = 'Invalid email or password.';

function invalidToken(what: string): ProblemException {
  return AuthProblems.invalidToken.exception(
    `This ${what} link is invalid, was already used, or has expired. Ask for a new one.`,
  );
}
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
    private readonly accountEmails: AccountEmailsService,
    private readonly accountTokens: AccountTokensRepository,
    private readonly config: AppConfig,
    private readonly realtime: RealtimeEmitter,
  ) {}

  async register(dto: RegisterDto, client: ClientInfo): Promise<AuthResponseDto> {
    const user = await this.users.create({
      email: dto.email,
      passwordHash: await this.hasher.hash(dto.password),
      displayName: dto.displayName ?? dto.email.split('@')[0].slice(0, 80),
    });
    // After the commit: the account exists whatever happens to the email; it can be resent.
    await this.accountEmails
      .requestVerification(user.id)
      .catch((error: unknown) =>
        this.logger.error(
          { err: error, userId: user.id },
          'could not enqueue the verification email',
        ),
      );
    return this.signIn(user, client, { newAccount: true });
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
    const stored = await this.refreshTokens.findByHash(this.tokens.hashOpaqueToken(refreshToken));
    if (!stored) throw new UnauthorizedException(INVALID_REFRESH);
    const reused =
      stored.usedAt !== null ||
      stored.revokedAt !== null ||
      (stored.expiresAt.getTime() > Date.now() && !(await this.refreshTokens.claim(stored.id)));
    if (reused) {
      await this.revokeSession(stored.familyId);
      // A suspension revoked the session: say so rather than "reused".
      const owner = await this.users.findById(stored.userId);
      if (owner && isSuspendedNow(owner)) this.assertActive(owner);
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
    if (!user || user.status === UserStatus.Deleted) {
      await this.revokeSession(stored.familyId);
      throw new UnauthorizedException(INVALID_REFRESH);
    }
    if (isSuspendedNow(user)) {
      await this.revokeSession(stored.familyId);
      this.assertActive(user);
    }
    return this.issueTokens(user, stored.familyId, client);
  }

  async logout(caller: AuthenticatedUser): Promise<void> {
    await this.revokeSession(caller.sessionId);
  }

  /** The link from the verification email. Single use; the welcome email follows. */
  async verifyEmail(token: string): Promise<void> {
    const userId = await this.accountTokens.claim(
      this.tokens.hashOpaqueToken(token),
      AccountTokenPurpose.VerifyEmail,
    );
    if (!userId) throw invalidToken('verification');
    await this.users.markEmailVerified(userId);
    await this.emails
      .sendWelcome(userId)
      .catch((error: unknown) =>
        this.logger.error({ err: error, userId }, 'could not enqueue the welcome email'),
      );
  }

  /** Same answer and same work whether or not the address has an account. */
  resendVerification(email: string): Promise<void> {
    return this.accountEmails.resendVerification(email);
  }

  /** Same answer and same work whether or not the address has an account. */
  forgotPassword(email: string): Promise<void> {
    return this.accountEmails.requestPasswordReset(email);
  }

  /**
   * Sets a new password from a reset link (single use). Every session of the account ends;
   * the mailbox was just proven, so the email counts as verified.
   */
  async resetPassword(token: string, newPassword: string): Promise<void> {
    const userId = await this.accountTokens.claim(
      this.tokens.hashOpaqueToken(token),
      AccountTokenPurpose.ResetPassword,
    );
    if (!userId) throw invalidToken('password reset');
    const changedAt = new Date();
    await this.users.setPasswordHash(
      userId,
      await this.hasher.hash(newPassword),
      domainEvent('account.password-changed', { userId, changedAt: changedAt.toISOString() }),
    );
    await this.users.markEmailVerified(userId);
    await this.revokeSessionsOf(userId);
    await this.accountEmails.announcePasswordChange(userId, changedAt);
  }

  /** Needs the current password; keeps the caller's session, ends every other one. */
  async changePassword(
    caller: AuthenticatedUser,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const user = await this.users.getProfile(caller.id);
    if (!user.passwordHash) {
      throw AuthProblems.noPasswordSet.exception(
        'This account signs in with a social provider. Set a password with POST /auth/forgot-password.',
      );
    }
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw new ValidationProblem([
        { field: 'currentPassword', messages: ['currentPassword is not correct'] },
      ]);
    }
    const changedAt = new Date();
    await this.users.setPasswordHash(
      user.id,
      await this.hasher.hash(newPassword),
      domainEvent('account.password-changed', {
        userId: user.id,
        changedAt: changedAt.toISOString(),
      }),
    );
    await this.revokeSessionsOf(user.id, caller.sessionId);
    await this.accountEmails.announcePasswordChange(user.id, changedAt);
  }

  async listSessions(caller: AuthenticatedUser, page: PageQueryDto): Promise<Page<SessionDto>> {
    const [sessions, total] = await this.refreshTokens.findActiveSessions(
      caller.id,
      offsetOf(page),
      page.limit,
    );
    return toPage(
      sessions.map((session) => SessionDto.from(session, caller.sessionId)),
      total,
      page,
    );
  }

  /** Signs one of the caller's sessions out (another device, or this one). */
  async endSession(caller: AuthenticatedUser, sessionId: string): Promise<void> {
    if (!(await this.refreshTokens.isActiveSessionOf(caller.id, sessionId))) {
      throw new NotFoundException('No such session.');
    }
    await this.revokeSession(sessionId);
  }

  private async revokeSessionsOf(userId: string, except?: string): Promise<void> {
    await this.revocations.announce(await this.refreshTokens.revokeAllFamilies(userId, except));
  }

  /**
   * Ends every session of the account at once (suspension, deletion): its refresh tokens are
   * revoked and every API replica drops the sessions' sockets and refuses their access tokens.
   * The user's room is closed too, through the emitter: a replica that missed the revocation
   * broadcast still drops the sockets (reconnecting is refused, the sessions being revoked).
   */
  async revokeAllSessions(userId: string): Promise<void> {
    await this.revokeSessionsOf(userId);
    this.realtime.disconnectUser(userId);
  }

  /** Whether `password` is the account's; false for an account without a password. */
  async verifyPassword(userId: string, password: string): Promise<boolean> {
    const user = await this.users.findById(userId);
    if (!user?.passwordHash) {
      await this.hasher.verifyAgainstNothing(password);
      return false;
    }
    return this.hasher.verify(user.passwordHash, password);
  }

  /** When the caller's session was signed in (for "a recent sign-in" checks). */
  sessionStartedAt(caller: AuthenticatedUser): Promise<Date | null> {
    return this.refreshTokens.sessionStartedAt(caller.id, caller.sessionId);
  }

  private async revokeSession(sessionId: string): Promise<void> {
    await this.refreshTokens.revokeFamily(sessionId);
    await this.revocations.announce([sessionId]);
  }

  private assertActive(user: UserAccount): void {
    if (user.status === UserStatus.Deleted) throw new UnauthorizedException(INVALID_CREDENTIALS);
    if (isSuspendedNow(user)) {
      const until = user.suspendedUntil?.toISOString() ?? null;
      throw AuthProblems.accountSuspended.exception(
        `This account is suspended${until ? ` until ${until}` : ''}` +
          (user.suspensionReason ? `: ${user.suspensionReason}` : '.'),
        { reason: user.suspensionReason, suspendedUntil: until },
      );
    }
  }

  /**
   * Starts a new session (refresh-token family) for an account whose identity was proven
   * elsewhere: a password here, or a social provider (OAuth module).
   */
  async signIn(
    user: UserAccount,
    client: ClientInfo,
    { newAccount = false }: { newAccount?: boolean } = {},
  ): Promise<AuthResponseDto> {
    this.assertActive(user);
    // Signing in during the grace period of a deletion cancels it (docs/account-deletion.md).
    if (!newAccount && (await this.users.cancelDeletion(user.id))) {
      this.logger.log({ userId: user.id }, 'account deletion cancelled by signing in');
    }
    const sessionId = randomUUID();
    // A new session of an existing account is a security notice (the account's first is not).
    const announce = newAccount
      ? []
      : [domainEvent('account.signed-in', { userId: user.id, sessionId })];
    const tokens = await this.issueTokens(user, sessionId, client, ...announce);
    return { ...tokens, user: UserDto.from(user) };
  }

  private async issueTokens(
    user: UserAccount,
    sessionId: string,
    client: ClientInfo,
    ...events: DomainEvent[]
  ): Promise<TokenResponseDto> {
    const refresh = this.tokens.newOpaqueToken();
    await this.refreshTokens.insert(
      {
        userId: user.id,
        familyId: sessionId,
        tokenHash: refresh.hash,
        expiresAt: this.tokens.refreshExpiry(),
        userAgent: client.userAgent?.slice(0, 255) ?? null,
        ip: client.ip?.slice(0, 64) ?? null,
      },
      ...events,
    );
    return {
      accessToken: await this.tokens.signAccessToken({
        sub: user.id,
        role: user.role,
        sid: sessionId,
        ev: user.emailVerifiedAt !== null,
      }),
      refreshToken: refresh.token,
      tokenType: 'Bearer',
      expiresIn: this.config.auth.accessTtlSeconds,
    };
  }
}
