import { DataSource } from 'typeorm';
import {
  StreakRow,
  WeeklyCountsRow,
} from '../../src/modules/analytics/training-figures.vocabulary';
import {
  endOfLocalDaySql,
  localDaySql,
  localMidnightSql,
  withinLocalDaysSql,
} from '../../src/common/time/local-day-sql';
import {
  ExerciseStrengthRow,
  LocalPeriod,
  MuscleVolumeRow,
  SessionBestRow,
  StrengthWindows,
} from '../../src/modules/progress/progress.repository';
import {
  muscleSpreadSql,
  SECONDARY_MUSCLE_SHARE,
} from '../../src/modules/training/muscle-sets.vocabulary';
import { workingSetSql } from '../../src/modules/training/working-sets.vocabulary';

export interface WeekVolumeRow {
  weekStart: string;
  /** Completed workouts held that week (with or without counted sets). */
  workouts: number;
  sets: number;
  volumeKg: number;
}

/** The instant a local day starts; `$2` is always the time zone. */
const midnight = (param: number) => localMidnightSql(`$${param}`, '$2');

/** The local date of an instant, as text. */
const localDay = (instant: string) => localDaySql(instant, '$2');

/**
 * The sets that count: completed working (not warm-up) sets of completed workouts held in
 * the period, `w` and `s` joined. A set belongs to its session's day and week (the workout's
 * `session_at`, its start), so a session that runs past midnight stays in one bucket.
 * Parameters $1 user, $2 time zone, $3 first day, $4 last day. Reads the workouts through
 * IDX_workouts_user_status_session and their sets through IDX_workout_sets_workout.
 */
const COUNTED_SETS = `
  workouts w
  JOIN workout_sets s ON s.workout_id = w.id AND ${workingSetSql('s')}
 WHERE w.user_id = $1 AND w.status = 'completed'
   AND ${withinLocalDaysSql('w.session_at', '$2', '$3', '$4')}`;

const SET_VOLUME = 'coalesce(s.weight_kg, 0) * coalesce(s.reps, 0)';

/**
 * The progress figures computed from the workouts' tables themselves, set by set: the
 * reference the analytics rollups the routes read are tested against
 * (test/analytics-rollups.e2e-spec.ts) and the bench explains beside them (figure 5). Not
 * used by the application. Definitions in docs/progress.md.
 */
export class ProgressReference {
  constructor(private readonly db: DataSource) {}

  /**
   * Per exercise trained in the period: its session bests (max e1RM per workout) reduced to
   * the windows' maxima. The read starts at `readFrom` so the 12-week baseline is covered.
   */
  strengthByExercise(
    period: LocalPeriod,
    readFrom: string,
    windows: StrengthWindows,
  ): Promise<ExerciseStrengthRow[]> {
    return this.db.query(
      `WITH sessions AS (
         SELECT s.exercise_id, w.session_at, max(s.e1rm_kg)::float8 AS best
           FROM ${COUNTED_SETS} AND s.e1rm_kg IS NOT NULL
          GROUP BY s.exercise_id, w.id)
       SELECT x.exercise_id AS "exerciseId", e.name,
              (count(*) FILTER (WHERE x.session_at >= ${midnight(5)}))::int AS sessions,
              ${localDay('max(x.session_at)')} AS "lastTrained",
              max(x.best) FILTER (WHERE x.session_at >= ${midnight(6)}) AS "recentBestKg",
              (array_agg(x.best ORDER BY x.session_at DESC))[1] AS "latestSessionBestKg",
              max(x.best) FILTER (WHERE ${withinLocalDaysSql('x.session_at', '$2', '$7', '$8')})
                AS "baseline4wKg",
              max(x.best) FILTER (WHERE ${withinLocalDaysSql('x.session_at', '$2', '$9', '$10')})
                AS "baseline12wKg"
         FROM sessions x
         JOIN exercises e ON e.id = x.exercise_id
        GROUP BY x.exercise_id, e.name
       HAVING max(x.session_at) >= ${midnight(5)}
        ORDER BY max(x.session_at) DESC, e.name`,
      [
        period.userId,
        period.timeZone,
        readFrom,
        period.lastDay,
        period.firstDay,
        windows.recentFrom,
        windows.change4wFrom,
        windows.change4wTo,
        windows.change12wFrom,
        windows.change12wTo,
      ],
    );
  }

  /**
   * The best set (highest e1RM; then heavier, then earlier) of each session of one exercise,
   * oldest first: DISTINCT ON over the exercise's sets, read through
   * IDX_workout_sets_user_exercise_completed.
   */
  sessionBests(period: LocalPeriod, exerciseId: string): Promise<SessionBestRow[]> {
    return this.db.query(
      `SELECT DISTINCT ON (w.session_at, w.id)
              w.id AS "workoutId", ${localDay('w.session_at')} AS date,
              s.e1rm_kg::float8 AS "e1rmKg", s.weight_kg::float8 AS "weightKg", s.reps,
              s.set_type AS "setType", (count(*) OVER (PARTITION BY w.id))::int AS sets
         FROM workout_sets s
         JOIN workouts w ON w.id = s.workout_id
        WHERE s.user_id = $1 AND s.exercise_id = $5
          AND ${workingSetSql('s')} AND s.e1rm_kg IS NOT NULL
          AND w.status = 'completed'
          AND ${withinLocalDaysSql('w.session_at', '$2', '$3', '$4')}
        ORDER BY w.session_at, w.id, s.e1rm_kg DESC, s.weight_kg DESC, s.completed_at`,
      [period.userId, period.timeZone, period.firstDay, period.lastDay, exerciseId],
    );
  }

  /**
   * Every ISO week of the period (Monday to Sunday, local), weeks without training included:
   * completed workouts, counted sets and Σ weight × reps. `firstDay` must be a Monday.
   */
  weeklyVolume(period: LocalPeriod): Promise<WeekVolumeRow[]> {
    return this.db.query(
      `WITH per_week AS (
         SELECT date_trunc('week', w.session_at AT TIME ZONE $2)::date AS week,
                count(*)::int AS sets,
                sum(${SET_VOLUME})::float8 AS volume
           FROM ${COUNTED_SETS}
          GROUP BY 1),
       sessions AS (
         SELECT date_trunc('week', w.session_at AT TIME ZONE $2)::date AS week, count(*)::int AS n
           FROM workouts w
          WHERE w.user_id = $1 AND w.status = 'completed'
            AND ${withinLocalDaysSql('w.session_at', '$2', '$3', '$4')}
          GROUP BY 1)
       SELECT to_char(g.week, 'YYYY-MM-DD') AS "weekStart",
              coalesce(n.n, 0) AS workouts, coalesce(p.sets, 0) AS sets,
              coalesce(p.volume, 0) AS "volumeKg"
         FROM generate_series($3::date, $4::date, interval '7 days') AS g(week)
         LEFT JOIN per_week p ON p.week = g.week::date
         LEFT JOIN sessions n ON n.week = g.week::date
        ORDER BY g.week`,
      [period.userId, period.timeZone, period.firstDay, period.lastDay],
    );
  }

  /**
   * Sets and volume per muscle over the period: per exercise first (one row each), then
   * spread over its muscles by the route's own SQL (`muscleSpreadSql`).
   */
  muscleVolume(period: LocalPeriod): Promise<MuscleVolumeRow[]> {
    return this.db.query(
      `WITH per_exercise AS (
         SELECT s.exercise_id, count(*) AS sets, sum(${SET_VOLUME}) AS volume
           FROM ${COUNTED_SETS}
          GROUP BY s.exercise_id)
       ${muscleSpreadSql('per_exercise', '$5')}`,
      [period.userId, period.timeZone, period.firstDay, period.lastDay, SECONDARY_MUSCLE_SHARE],
    );
  }

  /**
   * Completed workouts of the period per ISO week, reduced to the total, the weeks with any,
   * and the weeks with at least the target: `target` if given, else the median count of the
   * weeks trained (the user's typical week).
   */
  async weeklyCounts(period: LocalPeriod, target: number | null): Promise<WeeklyCountsRow> {
    const [row]: WeeklyCountsRow[] = await this.db.query(
      `WITH counts AS (
         SELECT count(*)::int AS n
           FROM workouts w
          WHERE w.user_id = $1 AND w.status = 'completed'
            AND ${withinLocalDaysSql('w.session_at', '$2', '$3', '$4')}
          GROUP BY date_trunc('week', w.session_at AT TIME ZONE $2)),
       target AS (
         SELECT coalesce($5::int, percentile_disc(0.5) WITHIN GROUP (ORDER BY n), 1) AS n
           FROM counts)
       SELECT coalesce((SELECT sum(n) FROM counts), 0)::int AS workouts,
              (SELECT count(*) FROM counts)::int AS "activeWeeks",
              target.n AS "targetPerWeek",
              (SELECT count(*) FROM counts WHERE counts.n >= target.n)::int AS "weeksMeetingTarget"
         FROM target`,
      [period.userId, period.timeZone, period.firstDay, period.lastDay, target],
    );
    return row;
  }

  /**
   * Runs of consecutive local weeks (`unit` week) or days (`unit` day) with a completed
   * workout, up to `period.lastDay` over the whole history (gaps and islands: in a run, the
   * bucket minus its rank × step is constant). The current run is the one reaching the last
   * bucket or the one before it: the week (day) in progress does not break a streak yet.
   */
  async streak(period: LocalPeriod, unit: 'week' | 'day'): Promise<StreakRow> {
    const step = unit === 'week' ? 7 : 1;
    const [row]: StreakRow[] = await this.db.query(
      `WITH buckets AS (
         SELECT DISTINCT date_trunc('${unit}', w.session_at AT TIME ZONE $2)::date AS bucket
           FROM workouts w
          WHERE w.user_id = $1 AND w.status = 'completed'
            AND w.session_at < ${endOfLocalDaySql('$3', '$2')}),
       runs AS (
         SELECT max(bucket) AS last, count(*)::int AS length
           FROM (SELECT bucket, bucket - (row_number() OVER (ORDER BY bucket))::int * ${step} AS island
                   FROM buckets) numbered
          GROUP BY island)
       SELECT coalesce(max(length) FILTER (
                WHERE last >= date_trunc('${unit}', $3::date::timestamp)::date - ${step}), 0) AS current,
              coalesce(max(length), 0) AS longest
         FROM runs`,
      [period.userId, period.timeZone, period.lastDay],
    );
    return row;
  }
}
