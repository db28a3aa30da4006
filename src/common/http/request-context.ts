import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

export interface RequestContextStore {
  requestId: string;
  /** The caller's socket.io socket (X-Socket-Id): live updates skip the device that made them. */
  socketId?: string;
}

const storage = new AsyncLocalStorage<RequestContextStore>();
/** A client may send its own id (up to 128 safe characters) so traces join up end to end. */
const INCOMING_ID = /^[A-Za-z0-9._:-]{1,128}$/;
export const REQUEST_ID_HEADER = 'x-request-id';
/** A client connected over socket.io names its socket so its own changes are not echoed to it. */
export const SOCKET_ID_HEADER = 'x-socket-id';
const SOCKET_ID = /^[A-Za-z0-9_-]{1,64}$/;

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
   * The current request's (or job's) store, undefined outside one: an identity to key
   * per-request memos on (a WeakMap), so they end with the request.
   */
  scope(): object | undefined {
    return storage.getStore();
  },
  /** The socket id the request named in X-Socket-Id, when well-formed. */
  socketId(): string | undefined {
    return storage.getStore()?.socketId;
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
      const socketId = req.headers[SOCKET_ID_HEADER];
      storage.run(
        {
          requestId: req.id,
          socketId: typeof socketId === 'string' && SOCKET_ID.test(socketId) ? socketId : undefined,
        },
        done,
      );
    });
  },
};
