import { OAuthProviderName } from '../entities/user-identity.entity';
import type { StrategyRequest } from './run-strategy';

/** What FitAI needs from a provider's account, normalised across providers. */
export interface SocialProfile {
  provider: OAuthProviderName;
  /** The provider's stable account id. */
  providerUserId: string;
  /** Lower-cased; null when the provider disclosed no email. */
  email: string | null;
  /** True only when the provider asserts the user proved they own `email`. */
  emailVerified: boolean;
  displayName: string | null;
}

/** A social sign-in provider, wrapping its Passport strategy. */
export interface OAuthProvider {
  readonly name: OAuthProviderName;
  /** For messages: 'Google', 'GitHub'. */
  readonly label: string;
  readonly enabled: boolean;
  /** The provider's authorization URL for this `state` (the browser is sent there). */
  authorizationUrl(req: StrategyRequest, state: string): Promise<string>;
  /** Exchanges the callback's `code` for a token and reads the account's profile. */
  profileFromCallback(req: StrategyRequest): Promise<SocialProfile>;
}

/** The provider or the network failed during the code exchange or profile read. */
export class ProviderExchangeError extends Error {
  constructor(
    message: string,
    readonly reason: unknown,
  ) {
    super(message);
  }
}

export function normaliseEmail(email: unknown): string | null {
  if (typeof email !== 'string') return null;
  const value = email.trim().toLowerCase();
  return value.length > 0 && value.length <= 254 && value.includes('@') ? value : null;
}
