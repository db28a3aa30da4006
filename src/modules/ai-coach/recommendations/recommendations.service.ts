import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { CursorPage, toCursorPage } from '../../../common/pagination/cursor';
import { CursorQueryDto, keysetOf } from '../../../common/pagination/cursor-query.dto';
import { Page, toPage } from '../../../common/pagination/page';
import { offsetOf, PageQueryDto } from '../../../common/pagination/page-query.dto';
import { AppConfig } from '../../../config/app-config';
import { JobQueue } from '../../../infrastructure/queues/job-queue.service';
import { JobName } from '../../../infrastructure/queues/job-registry';
import { ExercisesService } from '../../exercises/exercises.service';
import { ListGoalsQueryDto } from '../../goals/dto/list-goals-query.dto';
import { GoalsService } from '../../goals/goals.service';
import { TemplateScope, TemplatesService } from '../../templates/templates.service';
import { TemplateSort } from '../../templates/dto/list-templates-query.dto';
import { UsersService } from '../../users/users.service';
import { trainingLoad } from '../training-load';
import { TrainingLoadRepository } from '../training-load.repository';
import { RecommendationDto, RecommendationFeedbackDto } from './dto/recommendation.dto';
import {
  coolDownUntil,
  preferenceWeight,
  subjectKey,
  suppressed,
  updatePreference,
} from './kind-preference';
import { RecommendationFeedback, RecommendationState } from './recommendation-kinds';
import { recommend, RecommendationInputs, WINDOW_DAYS } from './recommendation-rules';
import { RecommendationsRepository, ScoredCandidate } from './recommendations.repository';

/** Users claimed per tick. */
const TICK_BATCH = 200;
const MAX_GOALS = 100;

/** What a computation did, for the job's return value and the bench. */
export interface RecomputeOutcome {
  candidates: number;
  coolingDown: number;
  suppressed: number;
  inserted: number;
  refreshed: number;
  resolved: number;
}

/**
 * Recommendations (docs/recommendations.md): computed in the worker from the user's own
 * numbers by the rules of recommendation-rules.ts, ranked by the user's preference for each
 * kind (a Beta prior updated by feedback), kept away after feedback by a cool-down per kind
 * and subject. Recomputed after the domain events that change the numbers (debounced per user
 * through recommendation_schedules) and daily by the recurring tick.
 */
@Injectable()
export class RecommendationsService {
  private readonly logger = new Logger(RecommendationsService.name);

  constructor(
    private readonly recommendations: RecommendationsRepository,
    private readonly loads: TrainingLoadRepository,
    private readonly exercises: ExercisesService,
    private readonly goals: GoalsService,
    private readonly templates: TemplatesService,
    private readonly users: UsersService,
    private readonly jobs: JobQueue,
    private readonly config: AppConfig,
  ) {}

  async current(userId: string, query: PageQueryDto): Promise<Page<RecommendationDto>> {
    const [rows, total] = await this.recommendations.findActivePage(
      userId,
      offsetOf(query),
      query.limit,
    );
    return toPage(rows.map(RecommendationDto.from), total, query);
  }

  async history(userId: string, query: CursorQueryDto): Promise<CursorPage<RecommendationDto>> {
    const rows = await this.recommendations.findHistoryPage(userId, keysetOf(query), query.limit);
    return toCursorPage(
      rows,
      query.limit,
      (r) => ({ at: r.createdAt, id: r.id }),
      RecommendationDto.from,
    );
  }

  /**
   * Feedback on one of the user's recommendations (anyone else's: 404). Answering again
   * replaces the answer on the row and counts again for the kind (each answer is evidence).
   */
  async feedback(
    userId: string,
    id: string,
    dto: RecommendationFeedbackDto,
    at = new Date(),
  ): Promise<RecommendationDto> {
    const recommendation = await this.recommendations.findOwned(userId, id);
    if (!recommendation) throw new NotFoundException('No such recommendation.');
    const state =
      dto.feedback === RecommendationFeedback.NotUseful
        ? RecommendationState.Dismissed
        : dto.feedback === RecommendationFeedback.Done
          ? RecommendationState.Done
          : recommendation.state;
    const { recommendation: updated } = await this.recommendations.recordFeedback({
      recommendation,
      feedback: dto.feedback,
      reason: dto.reason ?? null,
      at,
      state,
      update: (prior) => updatePreference(prior, dto.feedback),
      coolDownUntil: coolDownUntil(dto.feedback, at),
    });
    return RecommendationDto.from(updated);
  }

  /** After a domain event: the user is due within the debounce delay. */
  markDue(userId: string): Promise<void> {
    return this.recommendations.markDue(userId, this.config.recommendations.debounceSeconds);
  }

  /**
   * The recurring tick: claims due users and enqueues one recompute each, with an id named by
   * the user and the due time, in the claiming transaction (a crash before the commit leaves
   * them due; the next tick's jobs carry the same ids).
   */
  async tick(): Promise<number> {
    return this.recommendations.inTransaction(async (tx) => {
      const due = await this.recommendations.claimDue(tx, TICK_BATCH);
      await this.jobs.enqueueMany(
        JobName.RecomputeRecommendations,
        due.map(({ userId, dueAt }) => ({
          payload: { userId },
          jobId: `recommendations:${userId}:${dueAt.getTime()}`,
        })),
      );
      return due.length;
    });
  }

  /**
   * Computes the user's recommendations as of `asOf` (default now; the tests and the bench
   * pass other instants) and makes them the current list. Idempotent.
   */
  async recompute(userId: string, asOf = new Date()): Promise<RecomputeOutcome> {
    const inputs = await this.inputs(userId, asOf);
    const [preferences, cooling] = await Promise.all([
      this.recommendations.preferences(userId),
      this.recommendations.coolingDown(userId, asOf),
    ]);
    const candidates = recommend(inputs);
    const kept: ScoredCandidate[] = [];
    let coolingDown = 0;
    let suppressedCount = 0;
    for (const c of candidates) {
      const preference = preferences.get(c.kind)!;
      if (cooling.has(subjectKey(c.kind, c.subject))) coolingDown += 1;
      else if (suppressed(preference)) suppressedCount += 1;
      else {
        const weight = preferenceWeight(preference);
        kept.push({
          ...c,
          score: Math.round(c.priority * weight * 1000) / 1000,
          features: { ...c.features, kindWeight: Math.round(weight * 1000) / 1000 },
        });
      }
    }
    const written = await this.recommendations.replaceActive(userId, kept, asOf);
    await this.recommendations.markComputed(userId, new Date());
    const outcome = {
      candidates: candidates.length,
      coolingDown,
      suppressed: suppressedCount,
      ...written,
    };
    this.logger.debug({ userId, ...outcome }, 'recommendations recomputed');
    return outcome;
  }

  private async inputs(userId: string, asOf: Date): Promise<RecommendationInputs> {
    const [loadSessions, setsByExercise, sessions, catalogue, goals, preferences] =
      await Promise.all([
        this.loads.sessions(userId, asOf),
        this.recommendations.setsByExercise(userId, asOf),
        this.recommendations.sessionStats(userId, asOf),
        this.exercises.catalogue(userId),
        this.goals.list(userId, { status: 'active', limit: MAX_GOALS } as ListGoalsQueryDto),
        this.users.preferencesOf(userId),
      ]);
    const template =
      sessions.last28 >= 2 && sessions.fromTemplate28 === 0
        ? await this.suitableTemplate(userId, sessions.last28, preferences)
        : null;
    return {
      asOf,
      load: trainingLoad(loadSessions.sessions, loadSessions.firstSessionAt, asOf),
      setsByExercise,
      muscles: new Map(catalogue.map((e) => [e.id, e])),
      sessions,
      goals: goals.items
        .filter((g) => g.status === 'active')
        .map((g) => ({
          id: g.id,
          title: g.title,
          progress: g.progress,
          createdAt: new Date(g.createdAt),
          deadline: g.deadline,
        })),
      template,
    };
  }

  /**
   * The best-rated public template for the user's level and equipment, with about as many days
   * as they train a week (then any number of days).
   */
  private async suitableTemplate(
    userId: string,
    sessions28: number,
    preferences: Awaited<ReturnType<UsersService['preferencesOf']>>,
  ): Promise<RecommendationInputs['template']> {
    const daysPerWeek = Math.min(7, Math.max(1, Math.round(sessions28 / (WINDOW_DAYS / 7))));
    for (const days of [daysPerWeek, undefined]) {
      const page = await this.templates.list(userId, TemplateScope.Public, {
        page: 1,
        limit: 1,
        sort: TemplateSort.Rating,
        level: preferences.trainingLevel ?? undefined,
        equipment: preferences.equipment ?? undefined,
        daysPerWeek: days,
      });
      const found = page.items.find((t) => t.ownerId !== userId);
      if (found) {
        return {
          id: found.id,
          name: found.name,
          level: found.level,
          daysPerWeek: found.daysPerWeek,
          rating: found.rating.average,
        };
      }
    }
    return null;
  }
}
