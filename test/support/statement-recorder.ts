import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { RequestContext } from '../../src/common/http/request-context';

interface SentStatement {
  /** The request it ran for (undefined outside any request: a timer, the test itself). */
  requestId?: string;
  sql: string;
  /** When it was sent and when its answer came back (ms, monotonic). */
  sentAt: number;
  answeredAt?: number;
}

/** The outbox relay's wake-up (src/infrastructure/events/outbox-wake-up.ts). */
export const isWakeUp = (sql: string) => sql.startsWith('SELECT pg_notify(');

/** What one request sent. */
export interface RecordedRequest {
  requestId: string;
  sql: string[];
  wakeUps: number;
  /**
   * Round trips one after the other: a statement sent after every earlier one was answered
   * starts a new one; statements in flight together share one.
   */
  roundTrips: number;
  all: () => string[];
}

/**
 * Records every statement the pg clients of this process send (TypeORM's pool included: it
 * uses the same `pg` module), with the request id of the async context that sent it and when
 * it was answered. BEGIN and COMMIT are statements too: a round trip each.
 */
export class StatementRecorder {
  private readonly sent: SentStatement[] = [];
  private spy?: jest.SpyInstance;

  start(): void {
    const sent = this.sent;
    const send = Client.prototype.query as (this: Client, ...args: unknown[]) => unknown;
    this.spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (
      this: Client,
      ...args: unknown[]
    ) {
      const [query] = args;
      const sql = typeof query === 'string' ? query : (query as { text: string }).text;
      const statement: SentStatement = {
        requestId: RequestContext.requestId(),
        sql,
        sentAt: performance.now(),
      };
      sent.push(statement);
      const answered = () => (statement.answeredAt = performance.now());
      // TypeORM passes a callback; other callers take the promise.
      const last = args.length - 1;
      if (typeof args[last] === 'function') {
        const callback = args[last] as (...results: unknown[]) => unknown;
        args[last] = (...results: unknown[]) => {
          answered();
          return callback(...results);
        };
      }
      const result = send.apply(this, args);
      if (result instanceof Promise) result.then(answered, answered);
      return result;
    } as never);
  }

  stop(): void {
    this.spy?.mockRestore();
  }

  /** A position in the record, for `sentSince`. */
  mark(): number {
    return this.sent.length;
  }

  /**
   * Every statement sent since `mark`, in whatever context: a statement batched for several
   * jobs runs in its first caller's context only.
   */
  sentSince(mark: number): string[] {
    return this.sent.slice(mark).map((statement) => statement.sql.replace(/\s+/g, ' ').trim());
  }

  /** Every statement sent so far in the async context of `requestId` (a job carries it on). */
  sentFor(requestId: string): string[] {
    return this.sent
      .filter((statement) => statement.requestId === requestId)
      .map((statement) => statement.sql.replace(/\s+/g, ' ').trim());
  }

  /**
   * Sends `req` with a request id of its own and answers the statements sent meanwhile for
   * that request, or outside any request: a query that lost the request's context still
   * counts. Nothing else runs then (the revocations poll is a minute apart).
   */
  async of(req: request.Test): Promise<RecordedRequest> {
    const requestId = `statements-${randomUUID()}`;
    const from = this.sent.length;
    await req.set('X-Request-Id', requestId);
    const mine = () =>
      this.sent
        .slice(from)
        .filter((statement) => statement.requestId === requestId || !statement.requestId);
    // Also those sent after the answer: the relay's wake-up does not hold it up.
    const all = () => mine().map((statement) => statement.sql.replace(/\s+/g, ' ').trim());
    const statements = mine().filter((statement) => !isWakeUp(statement.sql));
    let roundTrips = 0;
    let answered = -Infinity;
    for (const statement of statements) {
      if (statement.sentAt >= answered) roundTrips += 1;
      answered = Math.max(answered, statement.answeredAt ?? Infinity);
    }
    const sent = all();
    return {
      requestId,
      sql: sent.filter((sql) => !isWakeUp(sql)),
      wakeUps: sent.filter(isWakeUp).length,
      roundTrips,
      all,
    };
  }
}
