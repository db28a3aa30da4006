import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

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
  /** Fastify's `genReqId`: adopts a well-formed incoming id, or creates one. */
  idFor(req: IncomingMessage): string {
    const incoming = req.headers[REQUEST_ID_HEADER];
    return typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
  },
  /**
   * Echoes the id on every answer (from the first hook, so even a body that fails to parse
   * has one), and makes it available to every layer from the handler on. The store is entered
   * in `preHandler`, after the body is read: the parser's stream callbacks would lose it.
   */
  register(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (req, reply, done) => {
      reply.header(REQUEST_ID_HEADER, req.id);
      done();
    });
    fastify.addHook('preHandler', (req, _reply, done) => {
      storage.run({ requestId: req.id }, done);
    });
  },
};
