import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { listedOnLeaderboardsSql } from '../../users/privacy.vocabulary';
import { workingSetSql } from '../../training/working-sets.vocabulary';

/** Who is compared with the user: the criteria they gave, each null when not used. */
export interface CohortCriteria {
  userId: string;
  trainingLevel: string | null;
  sex: string | null;
  /** Birth years, both inclusive. */
  birthYears: { from: number; to: number } | null;
  /** Latest body weight in [min, max) kg. */
  bodyWeightKg: { min: number; max: number } | null;
  /** Relative strength on this exercise; null: that figure is not asked for. */
  exerciseId: string | null;
  /** The window: the last `weeks` weeks up to now. */
  weeks: number;
}

/** The user's own figures, and how many cohort members fall below or level with each. */
export interface CohortCounts {
  mySessions: number;
  myVolumeKg: number;
  myBodyWeightKg: number | null;
  myBestE1rmKg: number | null;
  /** Best e1RM ÷ body weight; null without either. */
  myRatio: number | null;
  size: number;
  volumeBelow: number;
  volumeEqual: number;
  sessionsBelow: number;
  sessionsEqual: number;
  strengthSize: number;
  strengthBelow: number;
  strengthEqual: number;
}

/**
 * The benchmark's one query. Only counts leave PostgreSQL: how many members the cohort has
 * and how many of them are below or level with the user, never another user's row. The user
 * is computed by the same expressions as the members, so "level with" is exact.
 *
 * Members: other active users listed on leaderboards (not opted out, activities not kept to
 * themselves), matching the criteria, with a completed workout in the window. Per member:
 * workouts through IDX_workouts_user_status_session, the latest body weight through
 * UQ_body_metrics_user_measured, the best e1RM through IDX_workout_sets_user_exercise_completed.
 */
@Injectable()
export class BenchmarkRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The latest body weight of `userId` (UQ_body_metrics_user_measured), null without one. */
  async latestBodyWeightKg(userId: string): Promise<number | null> {
    const [row]: { kg: number }[] = await this.db.query(
      `SELECT weight_kg::float8 AS kg FROM body_metrics
        WHERE user_id = $1 AND weight_kg IS NOT NULL ORDER BY measured_at DESC LIMIT 1`,
      [userId],
    );
    return row?.kg ?? null;
  }

  async cohortCounts(criteria: CohortCriteria): Promise<CohortCounts> {
    const [row]: CohortCounts[] = await this.db.query(
      `WITH people AS (
         SELECT u.id, u.id = $1 AS me
           FROM users u
          WHERE u.id = $1
             OR (${listedOnLeaderboardsSql('u')}
                 AND ($2::exercise_level IS NULL OR u.training_level = $2::exercise_level)
                 AND ($3::sex IS NULL OR u.sex = $3::sex)
                 AND ($4::int IS NULL OR u.birth_year BETWEEN $4::int AND $5::int))),
       figures AS (
         SELECT p.id, p.me, t.sessions, t.volume, bw.kg AS bw, best.kg AS best,
                best.kg / nullif(bw.kg, 0) AS ratio
           FROM people p
          CROSS JOIN LATERAL (
                SELECT count(*)::int AS sessions, coalesce(sum(w.total_volume_kg), 0)::float8 AS volume
                  FROM workouts w
                 WHERE w.user_id = p.id AND w.status = 'completed'
                   AND w.session_at >= now() - make_interval(days => $8::int * 7)
                   AND w.session_at < now()) t
           LEFT JOIN LATERAL (
                SELECT b.weight_kg::float8 AS kg FROM body_metrics b
                 WHERE b.user_id = p.id AND b.weight_kg IS NOT NULL
                 ORDER BY b.measured_at DESC LIMIT 1) bw ON true
           LEFT JOIN LATERAL (
                SELECT max(s.e1rm_kg)::float8 AS kg
                  FROM workout_sets s
                  JOIN workouts w ON w.id = s.workout_id AND w.status = 'completed'
                 WHERE $9::uuid IS NOT NULL AND s.user_id = p.id AND s.exercise_id = $9::uuid
                   AND ${workingSetSql('s')} AND s.e1rm_kg IS NOT NULL
                   AND s.completed_at >= now() - make_interval(days => $8::int * 7)
                   AND s.completed_at < now()) best ON true),
       mine AS (SELECT * FROM figures WHERE me),
       members AS (
         SELECT f.* FROM figures f
          WHERE NOT f.me AND f.sessions > 0
            AND ($6::float8 IS NULL OR (f.bw >= $6::float8 AND f.bw < $7::float8)))
       SELECT m.sessions AS "mySessions", m.volume AS "myVolumeKg", m.bw AS "myBodyWeightKg",
              m.best AS "myBestE1rmKg", m.ratio AS "myRatio",
              (SELECT count(*) FROM members)::int AS size,
              (SELECT count(*) FROM members x WHERE x.volume < m.volume)::int AS "volumeBelow",
              (SELECT count(*) FROM members x WHERE x.volume = m.volume)::int AS "volumeEqual",
              (SELECT count(*) FROM members x WHERE x.sessions < m.sessions)::int AS "sessionsBelow",
              (SELECT count(*) FROM members x WHERE x.sessions = m.sessions)::int AS "sessionsEqual",
              (SELECT count(*) FROM members x WHERE x.ratio IS NOT NULL)::int AS "strengthSize",
              (SELECT count(*) FROM members x WHERE x.ratio < m.ratio)::int AS "strengthBelow",
              (SELECT count(*) FROM members x WHERE x.ratio = m.ratio)::int AS "strengthEqual"
         FROM mine m`,
      [
        criteria.userId,
        criteria.trainingLevel,
        criteria.sex,
        criteria.birthYears?.from ?? null,
        criteria.birthYears?.to ?? null,
        criteria.bodyWeightKg?.min ?? null,
        criteria.bodyWeightKg?.max ?? null,
        criteria.weeks,
        criteria.exerciseId,
      ],
    );
    return row;
  }
}
