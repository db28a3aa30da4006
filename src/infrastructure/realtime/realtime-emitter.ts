import { Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import Redis from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { RealtimeChannels, realtimeRedisClient } from './realtime-channels';

/**
 * Sends socket.io events to users' sockets from any process, API or worker, through Redis
 * (@socket.io/redis-emitter): every API replica's Redis adapter hands the event to its local
 * sockets in the room. Fire and forget: a socket event is a hint, the REST API is the truth
 * (clients catch up with `GET /notifications?after=` and refetch workouts).
 */
@Injectable()
export class RealtimeEmitter implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly emitter: Emitter;

  constructor(config: AppConfig) {
    this.redis = realtimeRedisClient(config, 'realtime-emitter');
    this.emitter = new Emitter(this.redis, { key: RealtimeChannels.redisKey(config) });
  }

  /**
   * `event` with `payload` to every socket of `userId`, except the socket `exceptSocketId` (the
   * device that made the change, when it said so with X-Socket-Id).
   */
  toUser(userId: string, event: string, payload: object, exceptSocketId?: string): void {
    let target = this.emitter.to(RealtimeChannels.userRoom(userId));
    if (exceptSocketId) target = target.except(exceptSocketId);
    target.emit(event, payload);
  }

  /**
   * Closes every socket of `userId` on every API replica (suspension, deletion). Their sessions
   * are revoked first, so a reconnect is refused.
   */
  disconnectUser(userId: string): void {
    this.emitter.in(RealtimeChannels.userRoom(userId)).disconnectSockets(true);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The emitter, for every module of both entrypoints. */
@Global()
@Module({ providers: [RealtimeEmitter], exports: [RealtimeEmitter] })
export class RealtimeEmitterModule {}
