import { AppConfig } from '../../config/app-config';

/**
 * Names shared by the API's socket.io server (its Redis adapter) and every emitter (the API
 * and the worker): the Redis channel prefix, and the rooms sockets join.
 */
export const RealtimeChannels = {
  /** The Redis key prefix of socket.io's channels: one deployment (or test) per QUEUE_PREFIX. */
  redisKey(config: AppConfig): string {
    return `${config.queue.prefix}:socket.io`;
  },
  /** Every socket of one user (all their devices). */
  userRoom(userId: string): string {
    return `user:${userId}`;
  },
  /** Every socket opened with an access token of one login session. */
  sessionRoom(sessionId: string): string {
    return `session:${sessionId}`;
  },
};
