import { HttpStatus, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { ProblemType } from '../../common/errors/problem-type';
import { AppConfig } from '../../config/app-config';
import { InjectRedis } from '../../infrastructure/redis/redis.module';
import { countInWindow } from '../../infrastructure/redis/window-counter';
import type { AiFeature } from './ai.vocabulary';

/** The problems every AI feature shares (docs/errors.md). */
export const AiProblems = {
  quotaExceeded: new ProblemType<{ quota: number; feature: AiFeature }>({
    slug: 'quota-exceeded',
    status: HttpStatus.TOO_MANY_REQUESTS,
    title: 'Daily AI quota exceeded',
    description:
      'The daily quota of the AI feature (summaries, plan generation, optimisation, substitutions, chat) is used up; Retry-After counts the seconds to midnight UTC',
    exampleDetail: 'You can make 20 summary requests per day. The quota resets at midnight UTC.',
    members: {
      quota: {
        type: 'integer',
        minimum: 0,
        example: 20,
        required: true,
        description: 'Requests of this feature a user may make per day',
      },
      feature: {
        type: 'string',
        example: 'summary',
        required: true,
        description:
          'The feature whose quota is used up: summary, plan, template_optimization, substitution, goal_optimization or chat',
      },
    },
  }),
} as const;

const LABELS: Record<AiFeature, string> = {
  summary: 'summary',
  plan: 'plan generation',
  template_optimization: 'template optimisation',
  substitution: 'exercise substitution',
  goal_optimization: 'goal optimisation',
  chat: 'chat coach',
};

/**
 * One daily quota per user and AI feature (UTC days), counted in Redis so it holds across API
 * replicas. Summaries allow SUMMARY_DAILY_QUOTA, each AI coach feature AI_COACH_DAILY_QUOTA.
 * Answers served from a cache do not count (the caller does not consume for them).
 */
@Injectable()
export class AiQuotaService {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  limitOf(feature: AiFeature): number {
    return feature === 'summary'
      ? this.config.summaries.dailyQuota
      : this.config.ai.coachDailyQuota;
  }

  /** Takes one unit of today's quota, or throws 429 with Retry-After until midnight UTC. */
  async consume(userId: string, feature: AiFeature, now = new Date()): Promise<void> {
    const key = keyOf(userId, feature, now);
    const used = await countInWindow(this.redis, key, 2 * 86_400);
    const limit = this.limitOf(feature);
    if (used <= limit) return;
    await this.redis.decr(key);
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    const retryAfter = Math.ceil((midnight - now.getTime()) / 1000);
    throw AiProblems.quotaExceeded.exception(
      `You can make ${limit} ${LABELS[feature]} requests per day. The quota resets at midnight UTC.`,
      { quota: limit, feature },
      { 'Retry-After': String(retryAfter) },
    );
  }

  /** Gives a unit back when the request turned out not to start a computation. */
  async refund(userId: string, feature: AiFeature, now = new Date()): Promise<void> {
    await this.redis.decr(keyOf(userId, feature, now));
  }
}

/** Summaries keep the key they had before the quota was shared by every feature. */
function keyOf(userId: string, feature: AiFeature, now: Date): string {
  const day = now.toISOString().slice(0, 10);
  return feature === 'summary'
    ? `quota:summaries:${userId}:${day}`
    : `quota:ai:${feature}:${userId}:${day}`;
}
