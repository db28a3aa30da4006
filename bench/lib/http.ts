import { Agent, request as httpRequest } from 'node:http';

/** Keep-alive, like a real client: set-up calls and polling do not pay a TCP handshake each. */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
  /** Wall time of the request, milliseconds. */
  ms: number;
}

/** One HTTP request with a JSON body and a JSON (or empty) answer. */
export function requestJson<T = unknown>(
  method: string,
  url: string,
  options: { token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<JsonResponse<T>> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode ?? 0, body: body as T, ms });
      });
      res.on('error', reject);
    });
    req.setTimeout(options.timeoutMs ?? 30_000, () =>
      req.destroy(new Error(`${method} ${url} timed out`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export function getJson<T = unknown>(url: string, token?: string): Promise<JsonResponse<T>> {
  return requestJson<T>('GET', url, { token, timeoutMs: 5_000 });
}

/** Throws with the answer when the status is not the expected one. */
export function expectStatus<T>(
  response: JsonResponse<T>,
  expected: number | number[],
  what: string,
): JsonResponse<T> {
  const allowed = Array.isArray(expected) ? expected : [expected];
  if (!allowed.includes(response.status)) {
    throw new Error(
      `${what}: expected HTTP ${allowed.join(' or ')}, got ${response.status}: ${JSON.stringify(
        response.body,
      ).slice(0, 500)}`,
    );
  }
  return response;
}

/** Runs `fn` over `items` with at most `concurrency` in flight; results in input order. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  });
  await Promise.all(lanes);
  return results;
}

export function closeHttpAgent(): void {
  agent.destroy();
}
