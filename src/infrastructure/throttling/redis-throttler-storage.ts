import { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';

/**
 * One hit on a rate-limit counter, atomically.
 * KEYS: the hits of the current window, the block marker. ARGV: window (ms), limit, block (ms).
 * Answers { hits, ms until the window ends, blocked (1 or 0), ms until the block ends }.
 * While blocked, hits are not counted. The hit that goes over the limit blocks for the block
 * duration; the window's count then expires with the block, so counting starts afresh after it.
 */
const HIT_SCRIPT = `
local blockedFor = redis.call('PTTL', KEYS[2])
if blockedFor > 0 then
  local hits = tonumber(redis.call('GET', KEYS[1]) or '0')
  return { hits, math.max(redis.call('PTTL', KEYS[1]), 0), 1, blockedFor }
end
local hits = redis.call('INCR', KEYS[1])
local windowLeft = redis.call('PTTL', KEYS[1])
if windowLeft < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  windowLeft = tonumber(ARGV[1])
end
if hits <= tonumber(ARGV[2]) then
  return { hits, windowLeft, 0, 0 }
end
redis.call('SET', KEYS[2], hits, 'PX', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return { hits, tonumber(ARGV[3]), 1, tonumber(ARGV[3]) }
`;

const HIT_COMMAND = 'fitaiThrottlerHit';

type HitReply = [hits: number, windowLeftMs: number, blocked: 0 | 1, blockLeftMs: number];

type RedisWithHitCommand = Redis & {
  [HIT_COMMAND](
    hitsKey: string,
    blockKey: string,
    ttlMs: number,
    limit: number,
    blockDurationMs: number,
  ): Promise<HitReply>;
};

/**
 * @nestjs/throttler's counters in Redis, so limits hold across API replicas. The script is
 * defined once on the client (ioredis `defineCommand`): each hit sends EVALSHA with the
 * script's hash, not the script, and ioredis sends the script itself (EVAL) only when Redis
 * does not know it (the first use on a connection, or NOSCRIPT after a restart or SCRIPT FLUSH).
 *
 * Keys: `{<key>:<throttler>}:hits` and `{<key>:<throttler>}:blocked` under the client's key
 * prefix (the app's namespace), one pair per throttler; the braces keep a pair in one Redis
 * Cluster slot. Times are answered in seconds, as the guard writes them in headers.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly redis: RedisWithHitCommand;

  constructor(redis: Redis) {
    redis.defineCommand(HIT_COMMAND, { numberOfKeys: 2, lua: HIT_SCRIPT });
    this.redis = redis as RedisWithHitCommand;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): ReturnType<ThrottlerStorage['increment']> {
    const counter = `{${key}:${throttlerName}}`;
    const [hits, windowLeftMs, blocked, blockLeftMs] = await this.redis[HIT_COMMAND](
      `${counter}:hits`,
      `${counter}:blocked`,
      ttl,
      limit,
      blockDuration,
    );
    return {
      totalHits: hits,
      timeToExpire: Math.ceil(windowLeftMs / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(blockLeftMs / 1000),
    };
  }
}
