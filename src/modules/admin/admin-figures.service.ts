import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { MeteredStorage } from '../../infrastructure/storage/metered-storage';
import { AdminFiguresRepository } from './admin-figures.repository';
import { DeadLettersService } from './dead-letters.service';
import { AdminAnalyticsDto, AdminStatsDto, AiUsageRowDto } from './dto/admin-figures.dto';

const DAY_MS = 86_400_000;
const TOP_AI_USERS = 20;

/** GET /admin/stats and GET /admin/analytics (docs/admin.md). */
@Injectable()
export class AdminFiguresService {
  constructor(
    private readonly figures: AdminFiguresRepository,
    private readonly deadLetters: DeadLettersService,
    private readonly storage: MeteredStorage,
    private readonly config: AppConfig,
  ) {}

  async stats(days: number): Promise<AdminStatsDto> {
    const [users, activeUsers, signUps, active, workouts, entries, queues, storage] =
      await Promise.all([
        this.figures.accountCounts(),
        this.figures.activeUsers(),
        this.figures.perDay('users', days),
        this.figures.activePerDay(days),
        this.figures.perDay('workouts', days),
        this.figures.perDay('entries', days),
        this.deadLetters.counts(),
        this.storage.usage(),
      ]);
    return {
      users,
      activeUsers,
      perDay: { signUps, activeUsers: active, workouts, entries },
      queues,
      storage,
    };
  }

  async analytics(weeks: number): Promise<AdminAnalyticsDto> {
    const since = new Date(Date.now() - weeks * 7 * DAY_MS);
    const [signUpsPerDay, activeUsers, cohorts, ai] = await Promise.all([
      this.figures.perDay('users', weeks * 7),
      this.figures.activeUsers(),
      this.figures.cohorts(weeks),
      this.figures.aiUsage(since, TOP_AI_USERS),
    ]);
    const total = ai.byFeature.reduce(
      (sum, row) => ({
        calls: sum.calls + row.calls,
        promptTokens: sum.promptTokens + row.promptTokens,
        completionTokens: sum.completionTokens + row.completionTokens,
      }),
      { calls: 0, promptTokens: 0, completionTokens: 0 },
    );
    return {
      signUpsPerDay,
      activeUsers,
      cohorts: cohorts.map(({ cohort, size, active }) => ({
        cohort,
        size,
        retention: active.map(({ week, users }) => ({
          week,
          users,
          rate: size ? Math.round((users / size) * 1000) / 1000 : 0,
        })),
      })),
      ai: {
        since: since.toISOString(),
        pricing: {
          promptCentsPerMillionTokens: this.config.admin.promptCentsPerMillionTokens,
          completionCentsPerMillionTokens: this.config.admin.completionCentsPerMillionTokens,
        },
        total: this.priced(total),
        byFeature: ai.byFeature.map((row) => ({ ...this.priced(row), feature: row.feature })),
        byUser: ai.byUser.map((row) => ({
          ...this.priced(row),
          userId: row.userId,
          displayName: row.displayName,
        })),
      },
    };
  }

  /**
   * Cost in US dollars: tokens × the configured price per million (AI_*_CENTS_PER_MTOK), to
   * the micro-dollar. Calls without token counts (a provider that reports none) cost 0 here.
   */
  private priced(row: Omit<AiUsageRowDto, 'costUsd'>): AiUsageRowDto {
    const { promptCentsPerMillionTokens, completionCentsPerMillionTokens } = this.config.admin;
    const cents =
      (row.promptTokens * promptCentsPerMillionTokens +
        row.completionTokens * completionCentsPerMillionTokens) /
      1_000_000;
    return {
      calls: row.calls,
      promptTokens: row.promptTokens,
      completionTokens: row.completionTokens,
      costUsd: Math.round(cents * 10_000) / 1_000_000,
    };
  }
}
