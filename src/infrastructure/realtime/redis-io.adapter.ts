import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { AppConfig } from '../../config/app-config';
import { RealtimeChannels, realtimeRedisClient } from './realtime-channels';

/** Where socket.io answers, on the API's own port. */
export const SOCKET_PATH = '/socket.io';

/**
 * socket.io on the API's HTTP server (fastify's node server: socket.io takes the requests under
 * SOCKET_PATH and the upgrades, fastify the rest), with the Redis adapter so every replica
 * shares rooms: an event emitted anywhere (another replica, the worker's emitter) reaches the
 * room's sockets wherever they are connected. WebSocket transport only: no long-polling, so
 * replicas behind a load balancer need no sticky sessions.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const origins = this.config.http.corsOrigins;
    const server = super.createIOServer(port, {
      ...options,
      path: SOCKET_PATH,
      transports: ['websocket'],
      serveClient: false,
      cors: { origin: origins === '*' ? true : origins, credentials: true },
    }) as Server;
    const pub = this.client('realtime-pub');
    const sub = this.client('realtime-sub');
    server.adapter(createAdapter(pub, sub, { key: RealtimeChannels.redisKey(this.config) }));
    return server;
  }

  /**
   * On shutdown: this process's sockets are disconnected (clients reconnect to another
   * replica and catch up over REST), the engine stops taking new ones, then the adapter's Redis
   * connections close. The HTTP server itself is fastify's to close (socket.io's own close()
   * would close it a second time).
   */
  override async close(server: Server): Promise<void> {
    server.local.disconnectSockets(true);
    server.engine.close();
    await server.of('/').adapter.close();
    await Promise.all(this.clients.map((client) => client.quit().catch(() => client.disconnect())));
  }

  private client(name: string): Redis {
    const client = realtimeRedisClient(this.config, name);
    this.clients.push(client);
    return client;
  }
}
