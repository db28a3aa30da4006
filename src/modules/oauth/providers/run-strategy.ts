import type { IncomingHttpHeaders } from 'node:http';

/**
 * What a Passport OAuth strategy reads of a request: the callback's query (`code`, `state`,
 * `error`) and the headers. Any framework's request object has both.
 */
export interface StrategyRequest {
  query: unknown;
  headers: IncomingHttpHeaders;
}

/** The one method of a Passport strategy this module calls. */
export interface AuthenticatingStrategy {
  authenticate(req: StrategyRequest, options?: object): unknown;
}

export type StrategyOutcome =
  | { kind: 'redirect'; url: string }
  | { kind: 'success'; user: unknown }
  | { kind: 'fail'; reason: unknown }
  | { kind: 'error'; error: unknown };

/**
 * Runs a Passport strategy once, without `passport.authenticate()` and without sessions:
 * the strategy calls exactly one of the actions Passport would attach (redirect, success,
 * fail, pass, error), and the outcome comes back as a value, so the caller, not the
 * strategy, writes the HTTP answer. This is the same contract Passport's own middleware
 * uses (an object created from the strategy with the actions added).
 */
export function runStrategy(
  strategy: AuthenticatingStrategy,
  req: StrategyRequest,
  options: object,
): Promise<StrategyOutcome> {
  return new Promise((resolve) => {
    const actions = {
      redirect: (url: string) => resolve({ kind: 'redirect', url }),
      success: (user: unknown) => resolve({ kind: 'success', user }),
      fail: (reason: unknown) => resolve({ kind: 'fail', reason }),
      pass: () => resolve({ kind: 'fail', reason: 'pass' }),
      error: (error: unknown) => resolve({ kind: 'error', error }),
    };
    const run = Object.assign(Object.create(strategy) as AuthenticatingStrategy, actions);
    try {
      run.authenticate(req, options);
    } catch (error) {
      resolve({ kind: 'error', error });
    }
  });
}
