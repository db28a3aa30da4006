import { appendFileSync } from 'node:fs';
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import { OpenApiContract, RecordedExchange } from './openapi-contract';

/**
 * Records every answer an in-process API sends and checks it against the API's own OpenAPI
 * document as it leaves, whatever client the spec uses (supertest, fetch, a proxy). Violations
 * wait here until the test that caused them ends (fail-on-contract-violations.ts fails it).
 *
 * Set FITAI_CONTRACT_REPORT to a file to also append each violation there (one JSON per line),
 * e.g. to list them all over a whole run.
 */

export interface ContractViolation {
  /** The test running when the answer was sent; undefined in beforeAll/afterAll. */
  test: string | undefined;
  exchange: string;
  problems: string[];
}

const violations: ContractViolation[] = [];

/** The violations recorded so far, removed from the recorder. */
export function takeContractViolations(): ContractViolation[] {
  return violations.splice(0, violations.length);
}

function currentTestName(): string | undefined {
  try {
    return expect.getState().currentTestName;
  } catch {
    return undefined;
  }
}

function record(contract: OpenApiContract, exchange: RecordedExchange): void {
  const problems = contract.check(exchange);
  if (problems.length === 0) return;
  const violation: ContractViolation = {
    test: currentTestName(),
    exchange: `${exchange.method} ${exchange.path} → ${exchange.status}`,
    problems,
  };
  violations.push(violation);
  const report = process.env.FITAI_CONTRACT_REPORT;
  if (report) {
    appendFileSync(
      report,
      JSON.stringify({ file: expect.getState().testPath, ...violation }) + '\n',
    );
  }
}

function lowerCased(headers: OutgoingHttpHeaders | undefined): OutgoingHttpHeaders {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
}

/**
 * Wraps the server's request listeners: each response's body chunks are kept, and the whole
 * exchange is checked when the response ends (synchronously, before the client can see it).
 */
export function recordResponses(server: Server, contract: OpenApiContract): void {
  const listeners = server.listeners('request') as ((
    req: IncomingMessage,
    res: ServerResponse,
  ) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : typeof chunk === 'string'
            ? Buffer.from(
                chunk,
                typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8',
              )
            : Buffer.from(chunk as Uint8Array),
      );
    };
    // Fastify hands its headers to writeHead, which does not store them where getHeaders() looks.
    let headers: OutgoingHttpHeaders = {};
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
      const given = rest.find(
        (arg) => typeof arg === 'object' && arg !== null && !Array.isArray(arg),
      );
      headers = { ...this.getHeaders(), ...lowerCased(given as OutgoingHttpHeaders | undefined) };
      return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
    } as ServerResponse['writeHead'];
    const write = res.write;
    const end = res.end;
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as ServerResponse['write'];
    res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      try {
        record(contract, {
          method: req.method ?? 'GET',
          path: (req.url ?? '/').split('?')[0],
          status: res.statusCode,
          headers: (res.headersSent ? headers : res.getHeaders()) as RecordedExchange['headers'],
          body: Buffer.concat(chunks),
        });
      } catch (error) {
        violations.push({
          test: currentTestName(),
          exchange: `${req.method} ${req.url}`,
          problems: [`the contract check threw: ${(error as Error).stack}`],
        });
      }
      return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    } as ServerResponse['end'];
    for (const listener of listeners) listener.call(server, req, res);
  });
}
