import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BayesianPrior, RatingTally, voteChange } from '../../common/ratings/bayesian-average';
import { Equipment, ExerciseLevel, Muscle } from '../training/exercise-attributes.vocabulary';
import { popularitySql } from './exercise-popularity';
import { muscleSpreadSql, SECONDARY_MUSCLE_SHARE } from '../training/muscle-sets.vocabulary';
import { workingSetSql } from '../training/working-sets.vocabulary';

export interface RankedExercise {
  id: string;
  ratingCount: number;
  ratingSum: number;
  uses: number;
  popularity: number;
}

export interface RecommendationFilter {
  /** Exercises at or below this level; null: any. */
  level: ExerciseLevel | null;
  /** Exercises with this equipment, with none, or body only; null: any. */
  equipment: Equipment[] | null;
}

export interface PopularityContext {
  prior: BayesianPrior;
  maxUses: number;
}

/**
 * How often each exercise appears in completed workouts. Read from the workouts domain's
 * tables (IDX_workout_exercises_exercise); the answers built on it are cached, so the
 * aggregation runs once per cache period, not per request.
 */
const USAGE = `
  SELECT we.exercise_id, count(*)::int AS uses
    FROM workout_exercises we
    JOIN workouts w ON w.id = we.workout_id AND w.status = 'completed'
   GROUP BY we.exercise_id`;

/**
 * Votes on exercises (one per user, changeable) and the rankings built on votes and usage:
 * popular, most used, recommended.
 */
@Injectable()
export class ExerciseRankingsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Records or replaces a vote and keeps the exercise's vote count and sum in step, in one
   * transaction. The exercise row is locked first, so concurrent votes on it (even two first
   * votes by the same user) are applied one after the other and counted once.
   */
  rate(exerciseId: string, userId: string, score: number): Promise<RatingTally> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM exercises WHERE id = $1 FOR UPDATE', [exerciseId]);
      const [previous]: { score: number }[] = await tx.query(
        'SELECT score FROM exercise_ratings WHERE exercise_id = $1 AND user_id = $2',
        [exerciseId, userId],
      );
      await tx.query(
        `INSERT INTO exercise_ratings (exercise_id, user_id, score) VALUES ($1, $2, $3)
         ON CONFLICT (exercise_id, user_id) DO UPDATE SET score = EXCLUDED.score, updated_at = now()`,
        [exerciseId, userId, score],
      );
      const change = voteChange(previous?.score ?? null, score);
      const [[tally]]: [[RatingTally], number] = await tx.query(
        `UPDATE exercises
            SET rating_count = rating_count + $2, rating_sum = rating_sum + $3
          WHERE id = $1
          RETURNING rating_count AS count, rating_sum AS sum`,
        [exerciseId, change.count, change.sum],
      );
      return tally;
    });
  }

  async tallyOf(exerciseId: string): Promise<RatingTally> {
    const [tally] = await this.db.query(
      'SELECT rating_count AS count, rating_sum AS sum FROM exercises WHERE id = $1',
      [exerciseId],
    );
    return tally as RatingTally;
  }

  async scoreOf(exerciseId: string, userId: string): Promise<number | null> {
    const [row] = await this.db.query(
      'SELECT score FROM exercise_ratings WHERE exercise_id = $1 AND user_id = $2',
      [exerciseId, userId],
    );
    return (row?.score as number | undefined) ?? null;
  }

  /** Every vote on the library, for the prior of the Bayesian average. */
  async allVotes(): Promise<RatingTally> {
    const [tally] = await this.db.query(
      `SELECT COALESCE(sum(rating_count), 0)::int AS count, COALESCE(sum(rating_sum), 0)::int AS sum
         FROM exercises
        WHERE rating_count > 0 AND status = 'approved' AND deleted_at IS NULL`,
    );
    return tally as RatingTally;
  }

  async maxUses(): Promise<number> {
    const [row] = await this.db.query(
      `SELECT COALESCE(max(uses), 0)::int AS max FROM (${USAGE}) u`,
    );
    return row.max as number;
  }

  /**
   * Approved exercises that were rated or used, most popular first (exercise-popularity.ts),
   * with the total for paging.
   */
  async popularPage(
    context: PopularityContext,
    offset: number,
    limit: number,
  ): Promise<[RankedExercise[], number]> {
    const score = popularitySql({
      count: 'e.rating_count',
      sum: 'e.rating_sum',
      uses: 'u.uses',
      priorMean: '$1::float8',
      priorWeight: '$2::float8',
      maxUses: '$3::float8',
    });
    const rows: (RankedExercise & { total: number })[] = await this.db.query(
      `SELECT e.id, e.rating_count AS "ratingCount", e.rating_sum AS "ratingSum",
              COALESCE(u.uses, 0)::int AS uses, ${score}::float8 AS popularity,
              count(*) OVER ()::int AS total
         FROM exercises e
         LEFT JOIN (${USAGE}) u ON u.exercise_id = e.id
        WHERE e.status = 'approved' AND e.deleted_at IS NULL
          AND (e.rating_count > 0 OR u.uses > 0)
        ORDER BY popularity DESC, e.rating_count DESC, e.name, e.id
        OFFSET $4 LIMIT $5`,
      [context.prior.mean, context.prior.weight, context.maxUses, offset, limit],
    );
    if (rows.length === 0 && offset > 0) return [[], await this.countRanked()];
    return [rows.map(({ total: _total, ...ranked }) => ranked), rows[0]?.total ?? 0];
  }

  /** The approved exercises in the most completed workouts. */
  mostUsed(limit: number): Promise<{ id: string; name: string; uses: number }[]> {
    return this.db.query(
      `SELECT e.id, e.name, u.uses
         FROM (${USAGE}) u
         JOIN exercises e ON e.id = u.exercise_id
        WHERE e.status = 'approved' AND e.deleted_at IS NULL
        ORDER BY u.uses DESC, e.name
        LIMIT $1`,
      [limit],
    );
  }

  /**
   * Sets per muscle in the user's completed, non-warm-up sets since `since`: a set counts 1 for
   * each primary muscle of its exercise and ½ for each secondary one. Reads the workouts
   * domain's sets through IDX_workout_sets_user_completed; the spread is muscleSpreadSql, as progress counts it.
   */
  trainedMuscles(userId: string, since: Date): Promise<{ muscle: Muscle; sets: number }[]> {
    return this.db.query(
      `SELECT muscle, sets
         FROM (${muscleSpreadSql(
           `(SELECT s.exercise_id, count(*) AS sets, 0 AS volume
               FROM workout_sets s
              WHERE s.user_id = $1 AND ${workingSetSql('s')} AND s.completed_at >= $2
              GROUP BY s.exercise_id)`,
           '$3',
         )}) spread`,
      [userId, since, SECONDARY_MUSCLE_SHARE],
    );
  }

  /**
   * For each muscle, in order, up to `perMuscle` approved exercises that train it as a primary
   * muscle, fit the filter, are not stretches or cardio, and that the user has not done since
   * `since`; the most popular first, compound before isolation.
   */
  async recommendations(
    userId: string,
    muscles: Muscle[],
    perMuscle: number,
    filter: RecommendationFilter,
    since: Date,
    context: PopularityContext,
  ): Promise<{ muscle: Muscle; id: string }[]> {
    const score = popularitySql({
      count: 'e.rating_count',
      sum: 'e.rating_sum',
      uses: 'u.uses',
      priorMean: '$7::float8',
      priorWeight: '$8::float8',
      maxUses: '$9::float8',
    });
    return this.db.query(
      `WITH usage AS MATERIALIZED (${USAGE})
       SELECT m.muscle, c.id
         FROM unnest($1::text[]) WITH ORDINALITY AS m(muscle, position)
         CROSS JOIN LATERAL (
           SELECT e.id
             FROM exercises e
             LEFT JOIN usage u ON u.exercise_id = e.id
            WHERE e.primary_muscles @> ARRAY[m.muscle::muscle]
              AND e.status = 'approved' AND e.deleted_at IS NULL
              AND e.category NOT IN ('stretching', 'cardio')
              AND ($2::exercise_level IS NULL OR e.level <= $2::exercise_level)
              AND ($3::equipment[] IS NULL OR e.equipment IS NULL
                   OR e.equipment = 'body only' OR e.equipment = ANY($3::equipment[]))
              AND NOT EXISTS (
                SELECT 1 FROM workout_sets s
                 WHERE s.user_id = $4 AND s.exercise_id = e.id AND s.completed_at >= $5)
            ORDER BY ${score} DESC, (e.mechanic = 'compound') DESC NULLS LAST, e.name, e.id
            LIMIT $6
         ) AS c
        ORDER BY m.position`,
      [
        muscles,
        filter.level,
        filter.equipment,
        userId,
        since,
        perMuscle,
        context.prior.mean,
        context.prior.weight,
        context.maxUses,
      ],
    );
  }

  private async countRanked(): Promise<number> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS total
         FROM exercises e
         LEFT JOIN (${USAGE}) u ON u.exercise_id = e.id
        WHERE e.status = 'approved' AND e.deleted_at IS NULL AND (e.rating_count > 0 OR u.uses > 0)`,
    );
    return row.total as number;
  }
}
