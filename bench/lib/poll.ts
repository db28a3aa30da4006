import { expectStatus, getJson } from './http';
import { sleep } from './processes';

/** What the GET of an asynchronous resource (report, summary, plan, export) answers. */
export interface AsyncResourceBody {
  status: string;
  failureReason?: string | null;
}

/**
 * Polls `url` as a client would until the resource is `completed`, and answers that body.
 * Throws when it failed, when a worker died, or after `timeoutMs`.
 */
export async function waitUntilCompleted<T extends AsyncResourceBody>(options: {
  url: string;
  token: string;
  /** What is awaited, for the errors ("report"). */
  what: string;
  /** The route, for an unexpected status ("GET /reports/:id"). */
  route: string;
  timeoutMs: number;
  pollIntervalMs: number;
  /** The processes doing the work: a dead one ends the wait at once. */
  workers: { assertAlive(): void };
}): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const current = expectStatus(await getJson<T>(options.url, options.token), 200, options.route);
    if (current.body.status === 'completed') return current.body;
    if (current.body.status === 'failed') {
      throw new Error(`${options.what} failed: ${current.body.failureReason ?? 'no reason'}`);
    }
    options.workers.assertAlive();
    if (Date.now() > deadline) {
      throw new Error(`${options.what} not completed within ${options.timeoutMs / 1000} s`);
    }
    await sleep(options.pollIntervalMs);
  }
}
