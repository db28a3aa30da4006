import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export interface RequestContextStore {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContextStore>();
/** A client may send its own id (up to 128 safe characters) so traces join up end to end. */
const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The request id that follows work from the HTTP request into queued jobs and the worker's
 * logs. Kept in AsyncLocalStorage so services never need the request object.
 */
export const RequestContext = {
  run<T>(store: RequestContextStore, fn: () => T): T {
    return storage.run(store, fn);
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
  /**
   * Express middleware, mounted before the body parsers: adopts or creates the id and
   * echoes it in the response header, so even a body that fails to parse has one.
   */
  assignId(req: Request, res: Response, next: NextFunction): void {
    const incoming = req.header(REQUEST_ID_HEADER);
    const requestId = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    (req as Request & { id: string }).id = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    next();
  },
  /**
   * Express middleware, mounted after the body parsers (whose stream callbacks would lose
   * the async context): makes the id available to every later layer.
   */
  bind(req: Request, _res: Response, next: NextFunction): void {
    storage.run({ requestId: (req as Request & { id: string }).id }, next);
  },
};
