import { Injectable } from '@nestjs/common';
import { Page, toPage } from '../../common/pagination/page';
import { offsetOf, PageQueryDto } from '../../common/pagination/page-query.dto';
import { priorFrom } from '../../common/ratings/bayesian-average';
import { RatingSummaryDto } from '../../common/ratings/rating.dto';
import { JsonCache } from '../../infrastructure/cache/json-cache';
import { UsersService } from '../users/users.service';
import { ExerciseDto } from './dto/exercise.dto';
import {
  ExerciseDetailDto,
  ExerciseStatsDto,
  PopularExerciseDto,
  RecommendationQueryDto,
  RecommendationsDto,
} from './dto/exercise-rankings.dto';
import { ExerciseRankingsRepository, PopularityContext } from './exercise-rankings.repository';
import { ExercisesRepository } from './exercises.repository';
import { ExercisesService, groupFilterValues } from './exercises.service';
import { underTrainedMuscles } from './under-trained-muscles';

/** Votes change rankings at once (invalidation); usage moves slowly, so ten minutes is fine. */
const RANKINGS_TTL_SECONDS = 600;

/** How far back recommendations look at the user's training. */
export const RECOMMENDATION_PERIOD_DAYS = 28;

/** Ratings, popularity, library statistics and personal recommendations. */
@Injectable()
export class ExerciseRankingsService {
  constructor(
    private readonly exercises: ExercisesService,
    private readonly library: ExercisesRepository,
    private readonly rankings: ExerciseRankingsRepository,
    private readonly users: UsersService,
    private readonly cache: JsonCache,
  ) {}

  /** One vote per user on an exercise they can see; voting again replaces it. */
  async rate(viewerId: string, exerciseId: string, score: number): Promise<RatingSummaryDto> {
    await this.exercises.findVisible(viewerId, exerciseId);
    const tally = await this.rankings.rate(exerciseId, viewerId, score);
    await this.cache.invalidateAll('exercise-rankings');
    const { prior } = await this.context();
    return RatingSummaryDto.from(tally, prior, score);
  }

  async detail(viewerId: string, exerciseId: string): Promise<ExerciseDetailDto> {
    const exercise = await this.exercises.findVisible(viewerId, exerciseId);
    const [{ prior }, yourScore] = await Promise.all([
      this.context(),
      this.rankings.scoreOf(exerciseId, viewerId),
    ]);
    const tally = { count: exercise.ratingCount, sum: exercise.ratingSum };
    return {
      ...ExerciseDto.from(exercise),
      rating: RatingSummaryDto.from(tally, prior, yourScore),
    };
  }

  popular(query: PageQueryDto): Promise<Page<PopularExerciseDto>> {
    return this.cached(`popular:${query.page}:${query.limit}`, async () => {
      const context = await this.context();
      const [ranked, total] = await this.rankings.popularPage(
        context,
        offsetOf(query),
        query.limit,
      );
      const byId = new Map(
        (await this.library.findByIds(ranked.map((r) => r.id))).map((e) => [e.id, e]),
      );
      const items = ranked
        .filter((r) => byId.has(r.id))
        .map((r) => ({
          ...ExerciseDto.from(byId.get(r.id)!),
          rating: RatingSummaryDto.from(
            { count: r.ratingCount, sum: r.ratingSum },
            context.prior,
            null,
          ),
          uses: r.uses,
          popularity: Math.round(r.popularity * 10_000) / 10_000,
        }));
      return toPage(items, total, query);
    });
  }

  stats(): Promise<ExerciseStatsDto> {
    return this.cached('stats', async () => {
      const [values, mostUsed] = await Promise.all([
        this.library.filterValues(null),
        this.rankings.mostUsed(10),
      ]);
      const groups = groupFilterValues(values);
      return {
        total: groups.levels.reduce((sum, level) => sum + level.count, 0),
        byMuscle: groups.muscles,
        byLevel: groups.levels,
        byEquipment: groups.equipment,
        byCategory: groups.categories,
        mostUsed,
      };
    });
  }

  /**
   * For the user's least trained muscles over the last four weeks (fewest sets), exercises that
   * train them, fit the user's level and equipment, and that they have not done lately.
   */
  async recommended(userId: string, query: RecommendationQueryDto): Promise<RecommendationsDto> {
    const since = new Date(Date.now() - RECOMMENDATION_PERIOD_DAYS * 86_400_000);
    const [preferences, trained, context] = await Promise.all([
      this.users.preferencesOf(userId),
      this.rankings.trainedMuscles(userId, since),
      this.context(),
    ]);
    const muscles = underTrainedMuscles(trained, query.muscles);
    const filter = { level: preferences.trainingLevel, equipment: preferences.equipment };
    const picks = await this.rankings.recommendations(
      userId,
      muscles.map((m) => m.muscle),
      query.perMuscle,
      filter,
      since,
      context,
    );
    const byId = new Map(
      (await this.library.findByIds(picks.map((p) => p.id))).map((e) => [e.id, e]),
    );
    return {
      periodDays: RECOMMENDATION_PERIOD_DAYS,
      ...filter,
      muscles: muscles.map(({ muscle, sets }) => ({
        muscle,
        sets,
        exercises: picks
          .filter((p) => p.muscle === muscle && byId.has(p.id))
          .map((p) => ExerciseDto.from(byId.get(p.id)!)),
      })),
    };
  }

  /** The prior of the Bayesian average and the usage scale, shared by every ranking. */
  private context(): Promise<PopularityContext> {
    return this.cached('context', async () => {
      const [votes, maxUses] = await Promise.all([
        this.rankings.allVotes(),
        this.rankings.maxUses(),
      ]);
      return { prior: priorFrom(votes), maxUses };
    });
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.cache.getOrLoadVersioned('exercise-rankings', key, RANKINGS_TTL_SECONDS, load);
  }
}
