import autocannon from 'autocannon';
import { distribution, Distribution } from './stats';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A fixed body, or one built per request (varying fields). */
  body?: unknown;
  makeBody?: () => unknown;
  connections: number;
  /** Run for this long... */
  durationSeconds?: number;
  /** ...or until this many requests have been answered. */
  amount?: number;
  /** Only answers with this status count as successes (latency and throughput). */
  expectStatus: number;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  /** Answers with the expected status. */
  ok: number;
  /** Answers with another status, and connection errors / timeouts. */
  unexpected: number;
  errors: number;
  statusCodes: Record<string, number>;
  /** ok / seconds. */
  requestsPerSecond: number;
  /** Exact percentiles (ms, sub-millisecond resolution) of the expected answers. */
  latency: Distribution;
}

/**
 * autocannon generates the load; latencies are taken from its per-response event rather
 * than its histogram, which has 1 ms resolution (too coarse for answers that take ~1 ms).
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const headers = { ...(options.headers ?? {}) };
  const fixedBody = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (fixedBody !== undefined || options.makeBody) headers['content-type'] = 'application/json';
  const makeBody = options.makeBody;
  const samples: number[] = [];
  const statusCodes: Record<string, number> = {};
  let unexpected = 0;

  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: options.method ?? 'GET',
        headers,
        body: fixedBody,
        connections: options.connections,
        pipelining: 1,
        duration: options.durationSeconds ?? 10,
        amount: options.amount,
        timeout: 30,
        requests: makeBody
          ? [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(makeBody()) }) }]
          : undefined,
      },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const ok = samples.length;
        resolve({
          connections: options.connections,
          seconds: result.duration,
          ok,
          unexpected: unexpected + result.errors,
          errors: result.errors,
          statusCodes,
          requestsPerSecond: result.duration > 0 ? ok / result.duration : 0,
          latency: distribution(samples),
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode === options.expectStatus) samples.push(responseTime);
      else unexpected += 1;
    });
  });
}

/** Fails loudly when a run measured something else than intended (429s, 500s, errors). */
export function assertMostlyOk(result: LoadResult, what: string, tolerated = 0.001): void {
  const total = result.ok + result.unexpected;
  if (result.ok === 0 || result.unexpected / Math.max(total, 1) > tolerated) {
    throw new Error(
      `${what}: ${result.unexpected} of ${total} requests did not get the expected status ` +
        `(status codes ${JSON.stringify(result.statusCodes)}, connection errors ${result.errors})`,
    );
  }
}
