import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ProblemException } from '../../common/errors/domain-errors';
import { OAuthProblems } from './oauth-problems';
import { AppConfig } from '../../config/app-config';
import { AuthService } from '../auth/auth.service';
import { ClientInfo } from '../../common/http/client-info.decorator';
import type { StrategyRequest } from './providers/run-strategy';
import { AuthResponseDto } from '../auth/dto/token-response.dto';
import { EmailsService } from '../emails/emails.service';
import { isSuspendedNow, UserAccount, UserStatus } from '../users/user.vocabulary';
import { UsersService } from '../users/users.service';
import { OAuthProviderName } from './entities/user-identity.entity';
import { OAuthFlowStore } from './oauth-flow-store.service';
import { GitHubProvider } from './providers/github.provider';
import { GoogleProvider } from './providers/google.provider';
import { OAuthProvider, SocialProfile } from './providers/oauth-provider';
import { UserIdentitiesRepository } from './user-identities.repository';

/** The `?error=` values a client can receive on its redirect URI (docs/social-sign-in.md). */
export type SignInError =
  | 'access_denied'
  | 'provider_error'
  | 'email_unverified'
  | 'account_exists_unverified'
  | 'account_suspended';

export interface StartSignIn {
  redirectUri?: string;
  codeChallenge?: string;
}

export interface CallbackQuery {
  state?: string;
  code?: string;
  error?: string;
}

type Resolution = { user: UserAccount } | { error: SignInError };

const INVALID_STATE =
  'The sign-in state is missing, unknown, expired or already used. Start the sign-in again.';
const INVALID_CODE = 'The code is unknown, expired or already used. Start the sign-in again.';

/** `url` with `params` set in its query (custom schemes such as fitai://auth included). */
export function withQuery(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  return target.toString();
}

function sha256Base64Url(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Social sign-in (Google, GitHub): the authorization-code flow with the provider, account
 * resolution (identity → user, or link by verified email, or a new verified account), and
 * the one-time code the client exchanges for FitAI tokens. Knows nothing about HTTP answers:
 * it returns the URL to redirect to, or throws problems.
 */
@Injectable()
export class OAuthService {
  private readonly logger = new Logger(OAuthService.name);
  private readonly providers: Record<OAuthProviderName, OAuthProvider>;

  constructor(
    google: GoogleProvider,
    github: GitHubProvider,
    private readonly flows: OAuthFlowStore,
    private readonly identities: UserIdentitiesRepository,
    private readonly users: UsersService,
    private readonly emails: EmailsService,
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {
    this.providers = { google, github };
  }

  /** The provider's authorization URL, carrying a fresh single-use `state`. */
  async start(
    name: OAuthProviderName,
    req: StrategyRequest,
    options: StartSignIn,
  ): Promise<string> {
    const provider = this.enabledProvider(name);
    const redirectUri = this.allowedRedirectUri(options.redirectUri);
    const state = await this.flows.createState({
      provider: name,
      redirectUri,
      codeChallenge: options.codeChallenge ?? null,
    });
    return provider.authorizationUrl(req, state);
  }

  /**
   * Handles the provider's redirect back. The state is taken (deleted) before anything else,
   * so a state works once; without a valid state nothing reaches the provider's token
   * endpoint and there is nowhere trustworthy to redirect to: 400.
   */
  async callback(
    name: OAuthProviderName,
    req: StrategyRequest,
    query: CallbackQuery,
  ): Promise<string> {
    const provider = this.enabledProvider(name);
    const pending = query.state ? await this.flows.takeState(query.state) : null;
    if (!pending || pending.provider !== name) {
      throw OAuthProblems.invalidState.exception(INVALID_STATE);
    }
    const back = (error: SignInError) => withQuery(pending.redirectUri, { error });

    if (query.error)
      return back(query.error === 'access_denied' ? 'access_denied' : 'provider_error');
    if (!query.code) return back('provider_error');

    let profile: SocialProfile;
    try {
      profile = await provider.profileFromCallback(req);
    } catch (error) {
      this.logger.warn({ err: error, provider: name }, 'social sign-in: provider exchange failed');
      return back('provider_error');
    }

    const resolution = await this.resolveAccount(profile);
    if ('error' in resolution) {
      this.logger.log({ provider: name, reason: resolution.error }, 'social sign-in refused');
      return back(resolution.error);
    }
    const code = await this.flows.createCode({
      userId: resolution.user.id,
      codeChallenge: pending.codeChallenge,
    });
    return withQuery(pending.redirectUri, { code });
  }

  /** Redeems a one-time code (once) for a new FitAI session. */
  async exchange(
    code: string,
    codeVerifier: string | undefined,
    client: ClientInfo,
  ): Promise<AuthResponseDto> {
    const issued = await this.flows.takeCode(code);
    const bound = issued?.codeChallenge;
    const verified =
      !!issued && (!bound || (!!codeVerifier && sameSecret(sha256Base64Url(codeVerifier), bound)));
    const user = verified ? await this.users.findById(issued.userId) : null;
    if (!user) {
      throw OAuthProblems.invalidCode.exception(INVALID_CODE);
    }
    return this.auth.signIn(user, client);
  }

  /**
   * Identity → its user. Otherwise only a provider-verified email can open or link an
   * account, and only to a FitAI account whose own email is verified: linking to an
   * unverified one would let whoever controls the provider account take over an account
   * someone registered (possibly as a squatter) with that address, or vice versa.
   */
  private async resolveAccount(profile: SocialProfile): Promise<Resolution> {
    const identity = await this.identities.findByProviderUserId(
      profile.provider,
      profile.providerUserId,
    );
    if (identity) {
      const user = await this.users.findById(identity.userId);
      if (user) return this.active(user);
    }
    if (!profile.email || !profile.emailVerified) return { error: 'email_unverified' };

    let user = await this.users.findByEmail(profile.email);
    let created = false;
    if (!user) {
      try {
        user = await this.users.createVerified({
          email: profile.email,
          displayName: this.displayNameFor(profile),
        });
        created = true;
      } catch (error) {
        // A concurrent sign-up took the email between the lookup and the insert.
        if (!(error instanceof ConflictException)) throw error;
        user = await this.users.findByEmail(profile.email);
        if (!user) throw error;
      }
    }
    if (!created) {
      if (user.emailVerifiedAt === null) return { error: 'account_exists_unverified' };
      const standing = this.active(user);
      if ('error' in standing) return standing;
    }

    const linked = await this.identities.insertOrGet({
      userId: user.id,
      provider: profile.provider,
      providerUserId: profile.providerUserId,
      email: profile.email,
    });
    if (created) {
      await this.emails
        .sendWelcome(user.id)
        .catch((error: unknown) =>
          this.logger.error({ err: error, userId: user.id }, 'could not enqueue the welcome email'),
        );
    }
    this.logger.log(
      { provider: profile.provider, userId: linked.userId, created },
      'social identity linked',
    );
    if (linked.userId !== user.id) {
      const owner = await this.users.findById(linked.userId);
      if (!owner) throw new Error('identity owner vanished');
      return this.active(owner);
    }
    return this.active(user);
  }

  /** Refuses deleted accounts and suspended ones (isSuspendedNow: an ended suspension is not). */
  private active(user: UserAccount): Resolution {
    return user.status === UserStatus.Deleted || isSuspendedNow(user)
      ? { error: 'account_suspended' }
      : { user };
  }

  private displayNameFor(profile: SocialProfile): string {
    const name = profile.displayName?.trim();
    return (name || (profile.email ?? 'FitAI user').split('@')[0]).slice(0, 80);
  }

  private enabledProvider(name: OAuthProviderName): OAuthProvider {
    const provider = this.providers[name];
    if (!provider.enabled) {
      throw OAuthProblems.providerNotConfigured.exception(
        `${provider.label} sign-in is not configured on this server.`,
      );
    }
    return provider;
  }

  /**
   * The requested redirect URI if it lies under an allowlist entry: same scheme, same host
   * and port, and a path equal to the entry's or below it. A plain string prefix would let
   * `http://localhost:5173.evil.example` pass for `http://localhost:5173`.
   */
  private allowedRedirectUri(requested: string | undefined): string {
    const allowlist = this.config.oauth.redirectAllowlist;
    if (requested === undefined) {
      if (allowlist.length === 0) throw this.redirectNotAllowed('No redirect URI is configured.');
      return allowlist[0];
    }
    let target: URL;
    try {
      target = new URL(requested);
    } catch {
      throw this.redirectNotAllowed('redirect_uri is not an absolute URI.');
    }
    const allowed =
      !target.username &&
      !target.password &&
      !target.hash &&
      allowlist.some((entry) => {
        const base = new URL(entry);
        const basePath = base.pathname.replace(/\/+$/, '');
        return (
          target.protocol === base.protocol &&
          target.host === base.host &&
          (target.pathname === basePath ||
            target.pathname === `${basePath}/` ||
            target.pathname.startsWith(`${basePath}/`))
        );
      });
    if (!allowed) throw this.redirectNotAllowed('redirect_uri is not in the allowlist.');
    return requested;
  }

  private redirectNotAllowed(detail: string): ProblemException {
    return OAuthProblems.redirectUriNotAllowed.exception(detail);
  }
}
