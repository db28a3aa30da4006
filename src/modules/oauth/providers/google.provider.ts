import { Injectable } from '@nestjs/common';
import { Strategy as GoogleStrategy } from 'passport-google-oauth20';
import { AppConfig } from '../../../config/app-config';
import { normaliseEmail, SocialProfile } from './oauth-provider';
import { PassportOAuthProvider, passProfile } from './passport-oauth-provider';
import { AuthenticatingStrategy } from './run-strategy';
import { callbackUrl } from './callback-url';

const GOOGLE_SCOPE = ['openid', 'email', 'profile'];

/** The OpenID Connect userinfo fields FitAI reads (Passport keeps the raw JSON in `_json`). */
interface GoogleUserInfo {
  sub?: string;
  email?: string;
  email_verified?: boolean | string;
  name?: string;
}

/**
 * Google through passport-google-oauth20, with every endpoint from AppConfig (tests point
 * them at a local OAuth server). The userinfo URL ends in `/userinfo`, so the strategy reads
 * it as OpenID Connect (`sub`, `email`, `email_verified`).
 */
@Injectable()
export class GoogleProvider extends PassportOAuthProvider {
  readonly name = 'google' as const;
  readonly label = 'Google';
  readonly enabled: boolean;
  protected readonly scope = GOOGLE_SCOPE;
  protected readonly strategy: AuthenticatingStrategy | null;

  constructor(config: AppConfig) {
    super();
    const google = config.oauth.google;
    this.enabled = google.enabled;
    this.strategy = google.enabled
      ? new GoogleStrategy(
          {
            clientID: google.clientId,
            clientSecret: google.clientSecret,
            scope: GOOGLE_SCOPE,
            authorizationURL: google.authorizationUrl,
            tokenURL: google.tokenUrl,
            userProfileURL: google.userInfoUrl,
            callbackURL: callbackUrl(config, 'google'),
          },
          passProfile,
        )
      : null;
  }

  protected toProfile(passportProfile: unknown): SocialProfile {
    const json = ((passportProfile as { _json?: GoogleUserInfo })._json ?? {}) as GoogleUserInfo;
    if (!json.sub) throw new Error('Google userinfo has no sub');
    return {
      provider: 'google',
      providerUserId: String(json.sub),
      email: normaliseEmail(json.email),
      // Google documents a boolean; some responses have carried the string "true".
      emailVerified: json.email_verified === true || json.email_verified === 'true',
      displayName: json.name ?? null,
    };
  }
}
