import { Injectable } from '@nestjs/common';
import { Strategy as GitHubStrategy } from 'passport-github2';
import { AppConfig } from '../../../config/app-config';
import { normaliseEmail, SocialProfile } from './oauth-provider';
import { PassportOAuthProvider, passProfile } from './passport-oauth-provider';
import { AuthenticatingStrategy } from './run-strategy';
import { callbackUrl } from './callback-url';

/**
 * Also given to the strategy's constructor: passport-github2 fetches `/user/emails` only when
 * its constructor scope includes `user:email` (the scope passed at authenticate time is not
 * consulted for that).
 */
const GITHUB_SCOPE = ['read:user', 'user:email'];

/** One entry of GitHub's `GET /user/emails`, as passport-github2 returns it (allRawEmails). */
interface GitHubEmail {
  value?: string;
  primary?: boolean;
  verified?: boolean;
}

interface GitHubPassportProfile {
  id?: string;
  username?: string;
  displayName?: string | null;
  emails?: GitHubEmail[];
}

/**
 * GitHub through passport-github2. With the `user:email` scope the strategy also calls
 * `GET {api}/user/emails`; `allRawEmails` keeps each address's `primary` and `verified`
 * flags (by default it would keep only the primary address and drop `verified`, and the
 * public profile email of `GET /user` carries no verification flag at all).
 */
@Injectable()
export class GitHubProvider extends PassportOAuthProvider {
  readonly name = 'github' as const;
  readonly label = 'GitHub';
  readonly enabled: boolean;
  protected readonly scope = GITHUB_SCOPE;
  protected readonly strategy: AuthenticatingStrategy | null;

  constructor(config: AppConfig) {
    super();
    const github = config.oauth.github;
    this.enabled = github.enabled;
    this.strategy = github.enabled
      ? new GitHubStrategy(
          {
            clientID: github.clientId,
            clientSecret: github.clientSecret,
            scope: GITHUB_SCOPE,
            authorizationURL: github.authorizationUrl,
            tokenURL: github.tokenUrl,
            userProfileURL: `${github.apiUrl}/user`,
            userEmailURL: `${github.apiUrl}/user/emails`,
            allRawEmails: true,
            userAgent: 'FitAI',
            callbackURL: callbackUrl(config, 'github'),
          },
          passProfile,
        )
      : null;
  }

  protected toProfile(passportProfile: unknown): SocialProfile {
    const profile = passportProfile as GitHubPassportProfile;
    if (!profile.id || profile.id === 'undefined') throw new Error('GitHub profile has no id');
    const primary = (profile.emails ?? []).find((email) => email.primary === true);
    const verified = primary?.verified === true;
    return {
      provider: 'github',
      providerUserId: profile.id,
      email: verified ? normaliseEmail(primary?.value) : null,
      emailVerified: verified,
      displayName: profile.displayName || profile.username || null,
    };
  }
}
