import {
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { RealtimeChannels } from '../../infrastructure/realtime/realtime-channels';
import { AccessTokenIdentity, AccessTokens } from '../auth/access-tokens.service';
import { SessionRevocations } from '../auth/session-revocations.service';

/** Sockets stay connected at most this long past their token's expiry check. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The API's socket.io endpoint (docs/realtime.md). A client connects with its access token
 * (`auth: { token }`, or an `Authorization: Bearer` header); a forged, expired or revoked one
 * is refused. A socket joins its user's room (every device) and its session's room; it is
 * dropped when its session is revoked (this process hears of it at once: SessionRevocations'
 * pub/sub) or when its token expires (the client reconnects with a fresh one). Clients only
 * listen: what they do goes through the REST API.
 */
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();

  @WebSocketServer() private server?: Server;

  constructor(
    private readonly accessTokens: AccessTokens,
    private readonly revocations: SessionRevocations,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      const identity = this.authenticate(socket);
      if (typeof identity === 'string') {
        const error = new Error(identity) as Error & { data?: object };
        error.data = { status: 401, detail: identity };
        return next(error);
      }
      socket.data = identity;
      next();
    });
    this.revocations.onRevoked((sessionId) => {
      // Local sockets only: every replica hears of the revocation itself.
      server.local.in(RealtimeChannels.sessionRoom(sessionId)).disconnectSockets(true);
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    const { userId, sessionId, expiresAt } = socket.data as AccessTokenIdentity;
    await socket.join([RealtimeChannels.userRoom(userId), RealtimeChannels.sessionRoom(sessionId)]);
    // Revoked between the handshake and the join: the listener may have missed this socket.
    if (this.revocations.state(sessionId) !== 'active') {
      socket.disconnect(true);
      return;
    }
    const timer = setTimeout(
      () => socket.disconnect(true),
      Math.min(Math.max(expiresAt - Date.now(), 0), MAX_TIMER_MS),
    );
    timer.unref();
    this.expiryTimers.set(socket.id, timer);
  }

  handleDisconnect(socket: Socket): void {
    clearTimeout(this.expiryTimers.get(socket.id));
    this.expiryTimers.delete(socket.id);
  }

  /** Sockets connected to this process (the bench's figure, metrics). */
  localSocketCount(): number {
    return this.server?.of('/').sockets.size ?? 0;
  }

  /** The identity of a valid access token, or why it is refused. */
  private authenticate(socket: Socket): AccessTokenIdentity | string {
    const token = tokenOf(socket);
    if (!token) return 'An access token is required (auth: { token }).';
    const verified = this.accessTokens.verify(token);
    if ('refused' in verified) return verified.refused;
    return verified;
  }
}

function tokenOf(socket: Socket): string | undefined {
  const auth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof auth === 'string' && auth.length > 0) return auth.replace(/^Bearer\s+/i, '');
  const header = socket.handshake.headers.authorization;
  return header?.match(/^Bearer\s+(.+)$/i)?.[1];
}
