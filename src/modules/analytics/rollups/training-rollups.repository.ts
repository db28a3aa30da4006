import { Injectable } from '@nestjs/common';
import { StreakRow, WeeklyCountsRow } from '../training-figures.vocabulary';
import { DataSource, EntityManager } from 'typeorm';
import { workingSetSql } from '../../training/working-sets.vocabulary';
import { preparedQuery } from '../../../common/database/prepared-statement';
import {
  LocalDayRange,
  localDayRangeParams,
  localDayRangesSql,
} from '../../../common/time/local-day-range';

/** Local days, both inclusive (`YYYY-MM-DD`), in the time zone of the user's rollups. */
export type DayRange = LocalDayRange;

export interface RollupFreshnessRow {
  /** The rollups' time zone; null before the user's first refresh. */
  timeZone: string | null;
  refreshedAt: Date | null;
  /** The rollups were built from the completed history as it is now (its version). */
  inStep: boolean;
}

/** What `refresh` wrote. */
export interface RefreshedState {
  /** The whole history was rebuilt (first build, rebuild, or another time zone). */
  full: boolean;
  /** The version of the completed history the rows were built from (bigint, as text). */
  historyVersion: string;
  refreshedAt: Date;
}

/** The four streaks up to a day: weeks and days, current and longest. */
export interface StreaksRow {
  weeks: StreakRow;
  days: StreakRow;
}

export interface PeriodTrainingRow {
  sessions: number;
  sets: number;
  volumeKg: number;
  records: number;
  activeDays: number;
  /** ISO weeks with a session in the range. */
  activeWeeks: number;
  /** Sessions per ISO day of the week, Monday first (7 numbers). */
  weekdays: number[];
  /** The streaks up to the range's last day, over the whole history. */
  streaks: StreaksRow;
}

export interface BucketTotalsRow {
  /** The bucket's first day (a Monday, or the 1st of a month). */
  start: string;
  workouts: number;
  sets: number;
  volumeKg: number;
}

export interface SessionBestRollupRow {
  workoutId: string;
  date: string;
  e1rmKg: number;
  weightKg: number;
  reps: number;
  setType: string;
  sets: number;
}

/**
 * SQL: the version of the user's (`$1`) completed history as it is now: bumped by the
 * workouts module in the transaction of every change to it (WorkoutHistoryVersion), 0 before
 * the first. One primary-key read; an aggregate of another module's table as the rollups read
 * its workouts, never written here.
 */
const HISTORY_VERSION_SQL = `
  coalesce((SELECT v.version FROM workout_history_versions v WHERE v.user_id = $1), 0)`;

const SET_VOLUME = 'coalesce(s.weight_kg, 0) * coalesce(s.reps, 0)';

/**
 * The ISO weeks touching [$2, $3] with their completed workouts, counted sets and volume
 * restricted to those days: whole weeks from the week rollups, the cut weeks at either end
 * from the session rollups. `$1` is the user.
 */
const WEEK_TOTALS_CTE = `
  week_totals AS (
    SELECT week_start AS week, workouts, sets, volume_kg
      FROM analytics_week_rollups
     WHERE user_id = $1 AND week_start >= $2::date AND week_start + 6 <= $3::date
    UNION ALL
    SELECT week_start, count(*)::int, sum(sets)::int, sum(volume_kg)
      FROM analytics_session_rollups
     WHERE user_id = $1 AND local_day BETWEEN $2::date AND $3::date
       AND (week_start < $2::date OR week_start + 6 > $3::date)
     GROUP BY week_start)`;

/**
 * SQL: the current and longest run of consecutive buckets (`step` days apart) among the
 * buckets `buckets` selects, up to `lastDay` (a date expression), as two int columns
 * `<prefix>_current` and `<prefix>_longest` (gaps and islands: in a run, the bucket minus
 * its rank × step is constant). The current run reaches the last bucket or the one before
 * it: the week or day in progress does not break a streak yet.
 */
function runsSql(buckets: string, unit: 'week' | 'day', lastDay: string, prefix: string): string {
  const step = unit === 'week' ? 7 : 1;
  return `SELECT coalesce(max(length) FILTER (
                   WHERE last >= date_trunc('${unit}', ${lastDay}::timestamp)::date - ${step}), 0)::int
                   AS ${prefix}_current,
                 coalesce(max(length), 0)::int AS ${prefix}_longest
            FROM (SELECT max(bucket) AS last, count(*)::int AS length
                    FROM (SELECT bucket,
                                 bucket - (row_number() OVER (ORDER BY bucket))::int * ${step} AS island
                            FROM (${buckets}) b) numbered
                   GROUP BY island) runs`;
}

/**
 * SQL: the four streaks up to `lastDay` (a date expression; `$1` the user) over the whole
 * history, as `week_current`, `week_longest`, `day_current`, `day_longest`: weeks before the
 * week of `lastDay` from the week rollups, that week (cut at `lastDay`) and the days from the
 * session rollups (the week rollups' primary key, IDX_analytics_session_rollups_user_day).
 */
function streaksSql(lastDay: string): string {
  const weekOf = `date_trunc('week', ${lastDay}::timestamp)::date`;
  const weeks = `SELECT week_start AS bucket FROM analytics_week_rollups
                  WHERE user_id = $1 AND week_start < ${weekOf}
                 UNION
                 SELECT week_start FROM analytics_session_rollups
                  WHERE user_id = $1 AND local_day BETWEEN ${weekOf} AND ${lastDay}`;
  const days = `SELECT DISTINCT local_day AS bucket FROM analytics_session_rollups
                 WHERE user_id = $1 AND local_day <= ${lastDay}`;
  return `SELECT wk.*, dy.*
            FROM (${runsSql(weeks, 'week', lastDay, 'week')}) wk,
                 (${runsSql(days, 'day', lastDay, 'day')}) dy`;
}

interface StreakColumns {
  week_current: number;
  week_longest: number;
  day_current: number;
  day_longest: number;
}

const streaksOf = (row: StreakColumns): StreaksRow => ({
  weeks: { current: row.week_current, longest: row.week_longest },
  days: { current: row.day_current, longest: row.day_longest },
});

/** How the e1RM series is read: every session, or the best session of each ISO week. */
export type SeriesResolution = 'session' | 'week';

/**
 * The analytics rollups: their refresh from the workouts' tables (the subscribers' and the
 * rebuild's single code path) and every read the analytics and progress routes make of them.
 * Each read goes through the user's rollup indexes; EXPLAIN in docs/analytics.md.
 */
@Injectable()
export class TrainingRollupsRepository {
  constructor(private readonly db: DataSource) {}

  /** Every user with a completed workout (the rebuild of all), by IDX_workouts_user_status_session. */
  async usersWithTraining(): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT u.id FROM users u
        WHERE EXISTS (SELECT 1 FROM workouts w WHERE w.user_id = u.id AND w.status = 'completed')
        ORDER BY u.id`,
    );
    return rows.map((row) => row.id);
  }

  /**
   * The rollups' state and whether it is in step with the completed history: two primary-key
   * reads in one prepared statement.
   */
  async freshness(userId: string): Promise<RollupFreshnessRow> {
    const [row] = await preparedQuery<RollupFreshnessRow>(
      this.db,
      `SELECT st.time_zone AS "timeZone", st.refreshed_at AS "refreshedAt",
              coalesce(st.history_version = ${HISTORY_VERSION_SQL}, false) AS "inStep"
         FROM (SELECT 1) one
         LEFT JOIN analytics_rollup_states st ON st.user_id = $1`,
      [userId],
    );
    return row;
  }

  /**
   * Rebuilds the user's rollups in `timeZone`, of the sessions started at `since` or later
   * (all when null, or when the rollups were cut in another time zone), in one transaction
   * under the user's advisory lock: concurrent refreshes run one after the other, and a
   * repeated one writes the same rows. The history's version is read first, so a change
   * committed meanwhile leaves the state behind (the next read or event catches up), never
   * ahead. Returns whether the rebuild was full, and the state it wrote.
   */
  refresh(userId: string, timeZone: string, since: Date | null): Promise<RefreshedState> {
    return this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `analytics-rollups:${userId}`,
      ]);
      const [state]: { timeZone: string }[] = await manager.query(
        `SELECT time_zone AS "timeZone" FROM analytics_rollup_states WHERE user_id = $1`,
        [userId],
      );
      const full = since === null || state?.timeZone !== timeZone;
      const from = full ? null : since;
      const [{ historyVersion }]: { historyVersion: string }[] = await manager.query(
        `SELECT ${HISTORY_VERSION_SQL} AS "historyVersion"`,
        [userId],
      );
      await this.rebuildSessions(manager, userId, timeZone, from);
      const [{ refreshedAt }]: { refreshedAt: Date }[] = await manager.query(
        `INSERT INTO analytics_rollup_states (user_id, time_zone, history_version, refreshed_at)
         VALUES ($1, $2, $3, now())
         ON CONFLICT (user_id) DO UPDATE
            SET time_zone = EXCLUDED.time_zone, history_version = EXCLUDED.history_version,
                refreshed_at = EXCLUDED.refreshed_at
         RETURNING refreshed_at AS "refreshedAt"`,
        [userId, timeZone, historyVersion],
      );
      return { full, historyVersion, refreshedAt };
    });
  }

  private async rebuildSessions(
    manager: EntityManager,
    userId: string,
    timeZone: string,
    from: Date | null,
  ): Promise<void> {
    const since = `($2::timestamptz IS NULL OR session_at >= $2::timestamptz)`;
    await manager.query(
      `DELETE FROM analytics_session_exercise_rollups WHERE user_id = $1 AND ${since}`,
      [userId, from],
    );
    await manager.query(`DELETE FROM analytics_session_rollups WHERE user_id = $1 AND ${since}`, [
      userId,
      from,
    ]);
    const sessions = `w.user_id = $1 AND w.status = 'completed'
       AND ($3::timestamptz IS NULL OR w.session_at >= $3::timestamptz)`;
    // The best set by e1RM: highest e1RM, then heavier, then earlier (as progress orders it).
    const best = (column: string) =>
      `(array_agg(s.${column} ORDER BY s.e1rm_kg DESC, s.weight_kg DESC, s.completed_at)
          FILTER (WHERE s.e1rm_kg IS NOT NULL))[1]`;
    await manager.query(
      `INSERT INTO analytics_session_exercise_rollups
              (workout_id, exercise_id, user_id, session_at, local_day, sets, volume_kg,
               e1rm_sets, best_e1rm_kg, best_weight_kg, best_reps, best_set_type)
       SELECT w.id, s.exercise_id, w.user_id, w.session_at, (w.session_at AT TIME ZONE $2)::date,
              count(*), sum(${SET_VOLUME}), count(*) FILTER (WHERE s.e1rm_kg IS NOT NULL),
              max(s.e1rm_kg), ${best('weight_kg')}, ${best('reps')}, ${best('set_type')}::text
         FROM workouts w
         JOIN workout_sets s ON s.workout_id = w.id AND ${workingSetSql('s')}
        WHERE ${sessions}
        GROUP BY w.id, s.exercise_id`,
      [userId, timeZone, from],
    );
    await manager.query(
      `INSERT INTO analytics_session_rollups
              (workout_id, user_id, session_at, local_day, week_start, sets, volume_kg, records)
       SELECT w.id, w.user_id, w.session_at, (w.session_at AT TIME ZONE $2)::date,
              date_trunc('week', w.session_at AT TIME ZONE $2)::date,
              coalesce(x.sets, 0), coalesce(x.volume, 0),
              (SELECT count(*) FROM personal_records r WHERE r.workout_id = w.id)
         FROM workouts w
         LEFT JOIN LATERAL (
                SELECT sum(e.sets) AS sets, sum(e.volume_kg) AS volume
                  FROM analytics_session_exercise_rollups e
                 WHERE e.workout_id = w.id) x ON true
        WHERE ${sessions}`,
      [userId, timeZone, from],
    );
    // The weeks from the one `from` falls in (whole: they are sums of session rows).
    const weeks = `($2::timestamptz IS NULL
         OR week_start >= date_trunc('week', $2::timestamptz AT TIME ZONE $3)::date)`;
    await manager.query(`DELETE FROM analytics_week_rollups WHERE user_id = $1 AND ${weeks}`, [
      userId,
      from,
      timeZone,
    ]);
    await manager.query(
      `INSERT INTO analytics_week_rollups (user_id, week_start, workouts, sets, volume_kg)
       SELECT user_id, week_start, count(*), sum(sets), sum(volume_kg)
         FROM analytics_session_rollups
        WHERE user_id = $1 AND ${weeks}
        GROUP BY user_id, week_start`,
      [userId, from, timeZone],
    );
  }

  /**
   * Per range (in the order given), in one statement: sessions, counted sets, volume, personal
   * records, training days and weeks, sessions per weekday (over
   * IDX_analytics_session_rollups_user_day), and the four streaks up to its last day.
   */
  async periodTraining(userId: string, ranges: readonly DayRange[]): Promise<PeriodTrainingRow[]> {
    const weekdays = [1, 2, 3, 4, 5, 6, 7]
      .map((day) => `count(*) FILTER (WHERE extract(isodow FROM s.local_day) = ${day})::int`)
      .join(', ');
    const rows = await preparedQuery<Omit<PeriodTrainingRow, 'streaks'> & StreakColumns>(
      this.db,
      `SELECT t.*, st.*
         FROM ${localDayRangesSql('$2', '$3', 'r')}
        CROSS JOIN LATERAL (
                SELECT count(*)::int AS sessions, coalesce(sum(s.sets), 0)::int AS sets,
                       coalesce(sum(s.volume_kg), 0)::float8 AS "volumeKg",
                       coalesce(sum(s.records), 0)::int AS records,
                       count(DISTINCT s.local_day)::int AS "activeDays",
                       count(DISTINCT s.week_start)::int AS "activeWeeks",
                       ARRAY[${weekdays}] AS weekdays
                  FROM analytics_session_rollups s
                 WHERE s.user_id = $1 AND s.local_day BETWEEN r.first_day AND r.last_day) t
        CROSS JOIN LATERAL (${streaksSql('r.last_day')}) st
        ORDER BY r.i`,
      [userId, ...localDayRangeParams(ranges)],
    );
    return rows.map(({ week_current, week_longest, day_current, day_longest, ...row }) => ({
      ...row,
      streaks: streaksOf({ week_current, week_longest, day_current, day_longest }),
    }));
  }

  /**
   * Every ISO week touching the range (its Monday, weeks without training included), with
   * the workouts, sets and volume of its days within the range.
   */
  weeklyTotals(userId: string, range: DayRange): Promise<BucketTotalsRow[]> {
    return preparedQuery(
      this.db,
      `WITH ${WEEK_TOTALS_CTE}
       SELECT to_char(g.week, 'YYYY-MM-DD') AS start,
              coalesce(t.workouts, 0)::int AS workouts, coalesce(t.sets, 0)::int AS sets,
              coalesce(t.volume_kg, 0)::float8 AS "volumeKg"
         FROM generate_series(date_trunc('week', $2::date::timestamp), $3::date::timestamp, interval '7 days') AS g(week)
         LEFT JOIN week_totals t ON t.week = g.week::date
        ORDER BY g.week`,
      [userId, range.firstDay, range.lastDay],
    );
  }

  /** Every calendar month touching the range, with the totals of its days within the range. */
  monthlyTotals(userId: string, range: DayRange): Promise<BucketTotalsRow[]> {
    return preparedQuery(
      this.db,
      `WITH month_totals AS (
         SELECT date_trunc('month', local_day::timestamp)::date AS month, count(*)::int AS workouts,
                sum(sets)::int AS sets, sum(volume_kg) AS volume_kg
           FROM analytics_session_rollups
          WHERE user_id = $1 AND local_day BETWEEN $2::date AND $3::date
          GROUP BY 1)
       SELECT to_char(g.month, 'YYYY-MM-DD') AS start,
              coalesce(t.workouts, 0)::int AS workouts, coalesce(t.sets, 0)::int AS sets,
              coalesce(t.volume_kg, 0)::float8 AS "volumeKg"
         FROM generate_series(date_trunc('month', $2::date::timestamp), $3::date::timestamp, interval '1 month') AS g(month)
         LEFT JOIN month_totals t ON t.month = g.month::date
        ORDER BY g.month`,
      [userId, range.firstDay, range.lastDay],
    );
  }

  /**
   * Workouts of the range per ISO week, reduced to the total, the weeks with any, and the
   * weeks with at least the target (`target`, else the median of the weeks trained).
   */
  async weeklyCounts(
    userId: string,
    range: DayRange,
    target: number | null,
  ): Promise<WeeklyCountsRow> {
    const [row] = await preparedQuery<WeeklyCountsRow>(
      this.db,
      `WITH ${WEEK_TOTALS_CTE},
       counts AS (SELECT sum(workouts)::int AS n FROM week_totals GROUP BY week),
       target AS (
         SELECT coalesce($4::int, percentile_disc(0.5) WITHIN GROUP (ORDER BY n), 1) AS n
           FROM counts)
       SELECT coalesce((SELECT sum(n) FROM counts), 0)::int AS workouts,
              (SELECT count(*) FROM counts)::int AS "activeWeeks",
              target.n AS "targetPerWeek",
              (SELECT count(*) FROM counts WHERE counts.n >= target.n)::int AS "weeksMeetingTarget"
         FROM target`,
      [userId, range.firstDay, range.lastDay, target],
    );
    return row;
  }

  /** The four streaks (weeks and days, current and longest) up to `lastDay`, in one statement. */
  async streaks(userId: string, lastDay: string): Promise<StreaksRow> {
    const [row] = await preparedQuery<StreakColumns>(this.db, streaksSql('$2::date'), [
      userId,
      lastDay,
    ]);
    return streaksOf(row);
  }

  /**
   * The best set of each session of one exercise in the range, oldest first; by week, only
   * the best session of each ISO week (highest e1RM, then the earliest), so three years are
   * ~156 points instead of ~1,000. Over IDX_analytics_session_exercise_rollups_user_exercise_day.
   */
  sessionBests(
    userId: string,
    exerciseId: string,
    range: DayRange,
    resolution: SeriesResolution = 'session',
  ): Promise<SessionBestRollupRow[]> {
    const columns = `workout_id AS "workoutId", to_char(local_day, 'YYYY-MM-DD') AS date,
              best_e1rm_kg::float8 AS "e1rmKg", best_weight_kg::float8 AS "weightKg",
              best_reps AS reps, best_set_type AS "setType", e1rm_sets AS sets`;
    const rows = `FROM analytics_session_exercise_rollups
        WHERE user_id = $1 AND exercise_id = $2 AND local_day BETWEEN $3::date AND $4::date
          AND best_e1rm_kg IS NOT NULL`;
    return preparedQuery(
      this.db,
      resolution === 'week'
        ? `SELECT "workoutId", date, "e1rmKg", "weightKg", reps, "setType", sets FROM (
             SELECT DISTINCT ON (date_trunc('week', local_day::timestamp)) ${columns}, session_at
               ${rows}
              ORDER BY date_trunc('week', local_day::timestamp), best_e1rm_kg DESC, session_at,
                       workout_id) weekly
            ORDER BY session_at, "workoutId"`
        : `SELECT ${columns} ${rows} ORDER BY session_at, workout_id`,
      [userId, exerciseId, range.firstDay, range.lastDay],
    );
  }
}
