import { Logger, UnauthorizedException } from '@nestjs/common';
import { ProblemException } from '../../common/errors/domain-errors';
import { Role } from '../../common/auth/roles';
import { RealtimeEmitter } from '../../infrastructure/realtime/realtime-emitter';
import { AppConfig } from '../../config/app-config';
import { EmailsService } from '../emails/emails.service';
import { UserAccount, UserStatus } from '../users/user.vocabulary';
import { UsersService } from '../users/users.service';
import { AccountEmailsService } from './account-emails.service';
import { AccountTokensRepository } from './account-tokens.repository';
import { AuthService } from './auth.service';
import { RefreshToken } from './entities/refresh-token.entity';
import { PasswordHasher } from './password-hasher.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionRevocations } from './session-revocations.service';
import { TokenService } from './token.service';

const HOUR = 3_600_000;

function user(overrides: Partial<UserAccount> = {}): UserAccount {
  return {
    id: 'user-1',
    email: 'ada@example.com',
    passwordHash: 'hash',
    displayName: 'Ada',
    bio: null,
    role: Role.User,
    status: UserStatus.Active,
    suspensionReason: null,
    suspendedUntil: null,
    emailVerifiedAt: null,
    avatarDigest: null,
    createdAt: new Date('2026-11-01T00:00:00Z'),
    ...overrides,
  };
}

function storedToken(overrides: Partial<RefreshToken> = {}): RefreshToken {
  return Object.assign(new RefreshToken(), {
    id: 'token-1',
    userId: 'user-1',
    familyId: 'family-1',
    tokenHash: 'h',
    expiresAt: new Date(Date.now() + HOUR),
    usedAt: null,
    revokedAt: null,
    ...overrides,
  });
}

describe('AuthService', () => {
  beforeAll(() => Logger.overrideLogger(false));
  let users: jest.Mocked<
    Pick<UsersService, 'findByEmail' | 'findById' | 'create' | 'cancelDeletion'>
  >;
  let hasher: jest.Mocked<Pick<PasswordHasher, 'hash' | 'verify' | 'verifyAgainstNothing'>>;
  let refreshTokens: jest.Mocked<
    Pick<RefreshTokensRepository, 'insert' | 'findByHash' | 'claim' | 'revokeFamily'>
  >;
  let revocations: jest.Mocked<Pick<SessionRevocations, 'announce'>>;
  let emails: jest.Mocked<Pick<EmailsService, 'sendWelcome'>>;
  let accountEmails: jest.Mocked<Pick<AccountEmailsService, 'requestVerification'>>;
  let service: AuthService;

  beforeEach(() => {
    users = {
      findByEmail: jest.fn(),
      findById: jest.fn(),
      create: jest.fn(),
      cancelDeletion: jest.fn().mockResolvedValue(false),
    };
    hasher = {
      hash: jest.fn().mockResolvedValue('hash'),
      verify: jest.fn(),
      verifyAgainstNothing: jest.fn().mockResolvedValue(false),
    };
    refreshTokens = {
      insert: jest.fn().mockResolvedValue(undefined),
      findByHash: jest.fn(),
      claim: jest.fn().mockResolvedValue(true),
      revokeFamily: jest.fn().mockResolvedValue(undefined),
    };
    revocations = { announce: jest.fn().mockResolvedValue(undefined) };
    emails = { sendWelcome: jest.fn().mockResolvedValue(undefined) };
    accountEmails = { requestVerification: jest.fn().mockResolvedValue(undefined) };
    const tokens = {
      signAccessToken: jest.fn().mockResolvedValue('access'),
      newOpaqueToken: jest.fn().mockReturnValue({ token: 'refresh', hash: 'refresh-hash' }),
      hashOpaqueToken: jest.fn().mockReturnValue('h'),
      refreshExpiry: jest.fn().mockReturnValue(new Date(Date.now() + HOUR)),
    };
    const config = Object.assign(new AppConfig(), { auth: { accessTtlSeconds: 900 } });
    service = new AuthService(
      users as unknown as UsersService,
      hasher as unknown as PasswordHasher,
      tokens as unknown as TokenService,
      refreshTokens as unknown as RefreshTokensRepository,
      revocations as unknown as SessionRevocations,
      emails as unknown as EmailsService,
      accountEmails as unknown as AccountEmailsService,
      {} as AccountTokensRepository,
      config,
      { disconnectUser: jest.fn() } as unknown as RealtimeEmitter,
    );
  });

  describe('login', () => {
    it('spends a password verification on unknown emails too, then answers 401', async () => {
      users.findByEmail.mockResolvedValue(null);
      await expect(
        service.login({ email: 'x@y.z', password: 'whatever1' }, {}),
      ).rejects.toBeInstanceOf(UnauthorizedException);
      expect(hasher.verifyAgainstNothing).toHaveBeenCalledWith('whatever1');
    });

    it('refuses a suspended account only after the password matched', async () => {
      users.findByEmail.mockResolvedValue(user({ status: UserStatus.Suspended }));
      hasher.verify.mockResolvedValue(true);
      await expect(
        service.login({ email: 'ada@example.com', password: 'right-pass' }, {}),
      ).rejects.toBeInstanceOf(ProblemException);
      hasher.verify.mockResolvedValue(false);
      await expect(
        service.login({ email: 'ada@example.com', password: 'wrong-pass' }, {}),
      ).rejects.toBeInstanceOf(UnauthorizedException);
    });
  });

  describe('register', () => {
    it('still signs the user in when the verification email cannot be enqueued', async () => {
      users.create.mockResolvedValue(user());
      accountEmails.requestVerification.mockRejectedValue(new Error('redis down'));
      const result = await service.register(
        { email: 'ada@example.com', password: 'correct horse' },
        {},
      );
      expect(result).toMatchObject({
        accessToken: 'access',
        refreshToken: 'refresh',
        user: { id: 'user-1' },
      });
    });
  });

  describe('refresh', () => {
    it('rotates a valid token within the same family', async () => {
      refreshTokens.findByHash.mockResolvedValue(storedToken());
      users.findById.mockResolvedValue(user());
      await expect(service.refresh('refresh-old', {})).resolves.toMatchObject({
        refreshToken: 'refresh',
      });
      expect(refreshTokens.insert).toHaveBeenCalledWith(
        expect.objectContaining({ familyId: 'family-1' }),
      );
      expect(refreshTokens.revokeFamily).not.toHaveBeenCalled();
    });

    it.each([
      ['already used', { usedAt: new Date() }],
      ['revoked', { revokedAt: new Date() }],
    ])('revokes the whole family when the token was %s', async (_label, overrides) => {
      refreshTokens.findByHash.mockResolvedValue(storedToken(overrides));
      await expect(service.refresh('refresh-old', {})).rejects.toThrow(/already used/);
      expect(refreshTokens.revokeFamily).toHaveBeenCalledWith('family-1');
      expect(revocations.announce).toHaveBeenCalledWith(['family-1']);
    });

    it('treats losing a concurrent claim as reuse', async () => {
      refreshTokens.findByHash.mockResolvedValue(storedToken());
      refreshTokens.claim.mockResolvedValue(false);
      await expect(service.refresh('refresh-old', {})).rejects.toThrow(/already used/);
      expect(refreshTokens.revokeFamily).toHaveBeenCalledWith('family-1');
    });

    it('rejects an expired token without claiming it or revoking the session', async () => {
      refreshTokens.findByHash.mockResolvedValue(
        storedToken({ expiresAt: new Date(Date.now() - 1) }),
      );
      await expect(service.refresh('refresh-old', {})).rejects.toThrow(
        'The refresh token is invalid or expired.',
      );
      expect(refreshTokens.claim).not.toHaveBeenCalled();
      expect(refreshTokens.revokeFamily).not.toHaveBeenCalled();
    });

    it('ends the session of a suspended user with the account-suspended problem', async () => {
      refreshTokens.findByHash.mockResolvedValue(storedToken());
      users.findById.mockResolvedValue(
        user({ status: UserStatus.Suspended, suspensionReason: 'spam' }),
      );
      await expect(service.refresh('refresh-old', {})).rejects.toMatchObject({
        problemType: 'account-suspended',
      });
      expect(refreshTokens.revokeFamily).toHaveBeenCalledWith('family-1');
    });

    it('lets a suspension whose end passed refresh', async () => {
      refreshTokens.findByHash.mockResolvedValue(storedToken());
      users.findById.mockResolvedValue(
        user({ status: UserStatus.Suspended, suspendedUntil: new Date(Date.now() - 1000) }),
      );
      await expect(service.refresh('refresh-old', {})).resolves.toMatchObject({
        refreshToken: 'refresh',
      });
    });
  });
});
