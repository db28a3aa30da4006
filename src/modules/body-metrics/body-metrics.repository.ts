import { preparedQuery } from '../../common/database/prepared-statement';
import {
  LocalDayRange,
  localDayRangeParams,
  localDayRangesSql,
} from '../../common/time/local-day-range';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { KeysetPosition } from '../../common/pagination/cursor';
import { newestFirstPage } from '../../common/pagination/keyset';
import { BodyMetric } from './entities/body-metric.entity';
import { addDays } from '../../common/time/local-date';
import { StoredMeasurements } from './measurements';
import { RegressionSums } from './trend';
import { insertOrIgnore } from '../../common/database/insert-or-ignore';
import { withinLocalDaysSql } from '../../common/time/local-day-sql';

export type NewBodyMetric = Pick<BodyMetric, 'userId' | 'measuredAt' | 'note'> & StoredMeasurements;

export type BodyMetricChanges = Partial<Pick<BodyMetric, 'measuredAt' | 'note'>> &
  StoredMeasurements;

export interface BodyMetricFilter {
  from?: Date;
  to?: Date;
  /** Return readings strictly before this keyset position (newest first). */
  before?: KeysetPosition;
  limit: number;
}

/**
 * One metric over a span of the user's local days. `column` comes from MEASUREMENTS (never
 * from the request); days are `YYYY-MM-DD`, both inclusive.
 */
export interface DailyWindow {
  userId: string;
  column: string;
  timeZone: string;
  firstDay: string;
  lastDay: string;
}

export interface DailyValue {
  day: string;
  /** Mean of the day's readings, in the stored unit. */
  value: number;
  readings: number;
  /** Mean of the daily values of the `movingAverageDays` days ending on this one. */
  movingAverage: number;
}

export interface DailyTotals {
  /** Days with a reading. */
  days: number;
  /** Days from the first to the last day with a reading (0 without readings). */
  spanDays: number;
  /** The least-squares sums of (days since firstDay, daily value); null without readings. */
  sums: RegressionSums | null;
}

/**
 * Each local day's value of one metric: the mean of its readings. Bound parameters: $1 user,
 * $2 time zone, $3 first day, $4 last day. The range is on measured_at (local midnights as
 * instants), so PostgreSQL reads it from UQ_body_metrics_user_measured; the day of a reading
 * is its date on the user's wall clock (a reading at 23:30 counts for that evening's day).
 */
function dailyValues(column: string): string {
  return `SELECT (measured_at AT TIME ZONE $2)::date AS day,
                 avg(${column})::float8 AS value, count(*)::int AS readings
            FROM body_metrics
           WHERE user_id = $1 AND ${column} IS NOT NULL
             AND ${withinLocalDaysSql('measured_at', '$2', '$3', '$4')}
           GROUP BY 1`;
}

/** A range's body weight: first and last days' means (kg), null without readings. */
export interface RangeWeightRow {
  firstKg: number | null;
  lastKg: number | null;
  readings: number;
}

@Injectable()
export class BodyMetricsRepository {
  constructor(@InjectRepository(BodyMetric) private readonly metrics: Repository<BodyMetric>) {}

  /** Runs `work` in one transaction, with this repository and the manager bound to it. */
  inTransaction<T>(
    work: (tx: BodyMetricsRepository, manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.metrics.manager.transaction((manager) =>
      work(new BodyMetricsRepository(manager.getRepository(BodyMetric)), manager),
    );
  }

  /**
   * Inserts unless the user already has a reading at that instant (UQ_body_metrics_user_measured);
   * then returns null. Atomic under concurrent retries.
   */
  insertUnlessInstantTaken(metric: NewBodyMetric): Promise<BodyMetric | null> {
    return insertOrIgnore(this.metrics, metric);
  }

  /** Uses UQ_body_metrics_user_measured. */
  findAt(userId: string, measuredAt: Date): Promise<BodyMetric | null> {
    return this.metrics.findOneBy({ userId, measuredAt });
  }

  /** By primary key, scoped to the owner: another user's reading is simply not found. */
  findOwned(userId: string, id: string): Promise<BodyMetric | null> {
    return this.metrics.findOneBy({ id, userId });
  }

  /**
   * A unique violation (UQ_body_metrics_user_measured: the new instant is taken by another of
   * the user's readings) propagates: it aborts the transaction, which the caller ends.
   */
  async update(id: string, changes: BodyMetricChanges): Promise<void> {
    await this.metrics.update({ id }, changes);
  }

  async delete(id: string): Promise<void> {
    await this.metrics.delete({ id });
  }

  /**
   * Newest first, keyset-paginated on (measured_at, id): a backward range scan of
   * UQ_body_metrics_user_measured. Instants are unique per user, so the id tie-break costs an
   * incremental sort of one-row groups. Fetches limit + 1 rows.
   */
  findPage(userId: string, filter: BodyMetricFilter): Promise<BodyMetric[]> {
    const query = this.metrics
      .createQueryBuilder('metric')
      .where('metric.userId = :userId', { userId });
    if (filter.from) query.andWhere('metric.measuredAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('metric.measuredAt < :to', { to: filter.to });
    return newestFirstPage(query, 'measuredAt', filter.before, filter.limit).getMany();
  }

  /**
   * The daily values of the window with their moving average over `movingAverageDays`
   * calendar days. The window frame is a RANGE over dates, so days without readings shorten
   * the average instead of pulling in older days, and the days before `firstDay` that the
   * first averages need are read too.
   */
  dailySeries(window: DailyWindow, movingAverageDays: number): Promise<DailyValue[]> {
    return this.metrics.query(
      `WITH daily AS (${dailyValues(window.column)})
       SELECT to_char(day, 'YYYY-MM-DD') AS day, value, readings, moving_average AS "movingAverage"
         FROM (SELECT day, value, readings,
                      avg(value) OVER (ORDER BY day RANGE BETWEEN make_interval(days => $5) PRECEDING
                                                          AND CURRENT ROW) AS moving_average
                 FROM daily) smoothed
        WHERE day >= $6::date
        ORDER BY smoothed.day`,
      [
        window.userId,
        window.timeZone,
        addDays(window.firstDay, -(movingAverageDays - 1)),
        window.lastDay,
        movingAverageDays - 1,
        window.firstDay,
      ],
    );
  }

  /**
   * The regression sums of (days since firstDay, daily value) over the window, from
   * PostgreSQL's regression aggregates (computed in one numerically stable pass).
   */
  async dailyTotals(window: DailyWindow): Promise<DailyTotals> {
    const [row]: {
      n: number;
      meanX: number | null;
      meanY: number | null;
      sxx: number | null;
      syy: number | null;
      sxy: number | null;
      spanDays: number;
    }[] = await this.metrics.query(
      `WITH daily AS (${dailyValues(window.column)}),
            points AS (SELECT day - $3::date AS x, value AS y FROM daily)
       SELECT regr_count(y, x)::int AS n, regr_avgx(y, x) AS "meanX", regr_avgy(y, x) AS "meanY",
              regr_sxx(y, x) AS sxx, regr_syy(y, x) AS syy, regr_sxy(y, x) AS sxy,
              coalesce(max(x) - min(x), 0) AS "spanDays"
         FROM points`,
      [window.userId, window.timeZone, window.firstDay, window.lastDay],
    );
    const { n, meanX, meanY, sxx, syy, sxy, spanDays } = row;
    return {
      days: n,
      spanDays,
      sums: n > 0 ? { n, meanX: meanX!, meanY: meanY!, sxx: sxx!, syy: syy!, sxy: sxy! } : null,
    };
  }
  /**
   * Per range (in the order given): the body weight of its first and last days with a reading
   * (each the mean of that day's readings, kg; days in `timeZone`) and its readings, over
   * UQ_body_metrics_user_measured.
   */
  weightByRange(
    userId: string,
    timeZone: string,
    ranges: readonly LocalDayRange[],
  ): Promise<RangeWeightRow[]> {
    return preparedQuery(
      this.metrics,
      `SELECT d.first AS "firstKg", d.last AS "lastKg", coalesce(d.readings, 0)::int AS readings
         FROM ${localDayRangesSql('$3', '$4', 'r')}
         LEFT JOIN LATERAL (
                WITH days AS (
                  SELECT (measured_at AT TIME ZONE $2)::date AS day,
                         avg(weight_kg)::float8 AS value, count(*) AS readings
                    FROM body_metrics
                   WHERE user_id = $1 AND weight_kg IS NOT NULL
                     AND ${withinLocalDaysSql('measured_at', '$2', 'r.first_day', 'r.last_day')}
                   GROUP BY 1)
                SELECT (SELECT value FROM days ORDER BY day LIMIT 1) AS first,
                       (SELECT value FROM days ORDER BY day DESC LIMIT 1) AS last,
                       (SELECT sum(readings) FROM days) AS readings) d ON true
        ORDER BY r.i`,
      [userId, timeZone, ...localDayRangeParams(ranges)],
    );
  }
}
