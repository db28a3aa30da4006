import type { AddressInfo } from 'node:net';
import { io, Socket } from 'socket.io-client';
import { TestApi } from './test-app';

/** Makes the in-process API listen on a real loopback port (sockets need one); its base URL. */
export async function listening(api: TestApi): Promise<string> {
  const server = api.app.getHttpServer();
  if (!server.listening) await api.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A socket.io client as an app connects: websocket only, the access token in `auth`. */
export interface TestSocket {
  socket: Socket;
  /** Every event received, in order. */
  received: { event: string; payload: Record<string, unknown> }[];
  /** Waits for an event matching `where`, received before or after the call. */
  next(
    event: string,
    where?: (payload: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  close(): void;
}

export function connectSocket(baseUrl: string, token: string): TestSocket {
  const socket = io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { token },
    reconnection: false,
    forceNew: true,
  });
  const received: TestSocket['received'] = [];
  socket.onAny((event: string, payload: Record<string, unknown>) =>
    received.push({ event, payload }),
  );
  return {
    socket,
    received,
    next(event, where = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const poll = () => {
          const found = received.find((r) => r.event === event && where(r.payload));
          if (found) return resolve(found.payload);
          if (Date.now() > deadline) return reject(new Error(`no ${event} within ${timeoutMs} ms`));
          setTimeout(poll, 20);
        };
        poll();
      });
    },
    close: () => socket.close(),
  };
}

/** Resolves once connected; rejects with the server's refusal. */
export function connected(client: TestSocket, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (client.socket.connected) return resolve();
    const timer = setTimeout(() => reject(new Error('not connected in time')), timeoutMs);
    client.socket.once('connect', () => {
      clearTimeout(timer);
      resolve();
    });
    client.socket.once('connect_error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Resolves once the server has disconnected the socket; the time it took from `since`. */
export function disconnected(client: TestSocket, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!client.socket.connected) return resolve();
    const timer = setTimeout(() => reject(new Error('still connected')), timeoutMs);
    client.socket.once('disconnect', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
