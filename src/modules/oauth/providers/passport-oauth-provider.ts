import { OAuthProviderName } from '../entities/user-identity.entity';
import { OAuthProvider, ProviderExchangeError, SocialProfile } from './oauth-provider';
import { AuthenticatingStrategy, runStrategy, StrategyRequest } from './run-strategy';

/**
 * Shared plumbing of the Passport-based providers. The strategy is built without a state
 * store (the service keeps `state` in Redis and checks it before the strategy runs), and
 * its verify callback just hands the Passport profile back; `toProfile` normalises it.
 */
export abstract class PassportOAuthProvider implements OAuthProvider {
  abstract readonly name: OAuthProviderName;
  abstract readonly label: string;
  abstract readonly enabled: boolean;
  protected abstract readonly scope: string[];
  /** Null when the provider is disabled: no strategy is registered at all. */
  protected abstract readonly strategy: AuthenticatingStrategy | null;

  protected abstract toProfile(passportProfile: unknown): SocialProfile;

  async authorizationUrl(req: StrategyRequest, state: string): Promise<string> {
    const outcome = await runStrategy(this.requireStrategy(), req, {
      session: false,
      scope: this.scope,
      state,
    });
    if (outcome.kind !== 'redirect') {
      throw new ProviderExchangeError(
        `${this.label} did not produce an authorization URL`,
        outcome,
      );
    }
    return outcome.url;
  }

  async profileFromCallback(req: StrategyRequest): Promise<SocialProfile> {
    const outcome = await runStrategy(this.requireStrategy(), req, { session: false });
    if (outcome.kind !== 'success') {
      throw new ProviderExchangeError(
        `${this.label} sign-in failed: ${outcome.kind}`,
        outcome.kind === 'error' ? outcome.error : outcome,
      );
    }
    return this.toProfile(outcome.user);
  }

  private requireStrategy(): AuthenticatingStrategy {
    if (!this.strategy) throw new Error(`${this.label} sign-in is not configured`);
    return this.strategy;
  }
}

/** The verify callback: no lookup here; the service resolves the account. */
export function passProfile(
  _accessToken: string,
  _refreshToken: string,
  profile: object,
  done: (error: null, user: Express.User) => void,
): void {
  done(null, profile as Express.User);
}
