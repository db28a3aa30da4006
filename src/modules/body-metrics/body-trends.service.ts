import { Injectable } from '@nestjs/common';
import { ProblemException } from '../../common/errors/domain-errors';
import { UsersService } from '../users/users.service';
import { BodyMetricProblems } from './body-metric-problems';
import { LocalDayRange } from '../../common/time/local-day-range';
import {
  BodyMetricsRepository,
  DailyValue,
  DailyWindow,
  RangeWeightRow,
} from './body-metrics.repository';
import { BodyAnalyticsDto, DatedValueDto } from './dto/body-analytics.dto';
import { BodyPredictionDto } from './dto/body-prediction.dto';
import {
  BodyAnalyticsQueryDto,
  BodyPeriodQueryDto,
  BodyPredictionQueryDto,
} from './dto/body-trend-query.dto';
import { addDays, daysBetween, localDate } from '../../common/time/local-date';
import { BodyMeasurement, fromStored, MEASUREMENTS, unitOf } from './measurements';
import { fitLine, predict } from './trend';

/** A trend needs this many days with readings, spread over at least this many days. */
export const PREDICTION_MIN_POINTS = 5;
export const PREDICTION_MIN_SPAN_DAYS = 14;
const PREDICTION_CONFIDENCE = 0.95;

const DAYS_PER_WEEK = 7;

/**
 * Analytics and predictions over a metric's daily values: the mean of each day's readings,
 * days counted in the user's time zone. The aggregation happens in PostgreSQL; only one row
 * per day (at most 730) and the regression sums reach Node.
 */
@Injectable()
export class BodyTrendsService {
  constructor(
    private readonly metrics: BodyMetricsRepository,
    private readonly users: UsersService,
  ) {}

  /**
   * For other modules (analytics): per range of local days in `timeZone`, the body weight of
   * its first and last days with a reading (daily means, kg) and its readings.
   */
  weightByRange(
    userId: string,
    timeZone: string,
    ranges: readonly LocalDayRange[],
  ): Promise<RangeWeightRow[]> {
    return this.metrics.weightByRange(userId, timeZone, ranges);
  }

  /**
   * Daily values with their moving average, and the period's count, first, last, extremes and
   * weekly rate (least-squares slope of the daily values), all in the user's unit and days.
   */
  async analytics(userId: string, query: BodyAnalyticsQueryDto): Promise<BodyAnalyticsDto> {
    const units = await this.users.preferencesOf(userId);
    const window = this.windowOf(userId, query, units.timeZone);
    const [series, totals] = await Promise.all([
      this.metrics.dailySeries(window, query.window),
      this.metrics.dailyTotals(window),
    ]);
    const inUnit = (stored: number) => fromStored(query.metric, stored, units);
    const dated = (day: DailyValue | undefined): DatedValueDto | null =>
      day ? { date: day.day, value: inUnit(day.value) } : null;
    const first = series[0];
    const last = series[series.length - 1];
    return {
      metric: query.metric,
      unit: unitOf(query.metric, units),
      timeZone: units.timeZone,
      from: window.firstDay,
      to: window.lastDay,
      window: query.window,
      points: series.length,
      readings: series.reduce((sum, day) => sum + day.readings, 0),
      first: dated(first),
      last: dated(last),
      min: dated(extreme(series, (a, b) => a < b)),
      max: dated(extreme(series, (a, b) => a > b)),
      change: first && last ? inUnit(last.value - first.value) : null,
      ratePerWeek:
        totals.sums && totals.days >= 2 ? inUnit(fitLine(totals.sums).slope * DAYS_PER_WEEK) : null,
      series: series.map((day) => ({
        date: day.day,
        value: inUnit(day.value),
        readings: day.readings,
        movingAverage: inUnit(day.movingAverage),
      })),
    };
  }

  /**
   * Least-squares line through the daily values of the period, projected `horizonDays` past
   * its last day with a 95 % prediction interval. Refuses (422 not-enough-data) with fewer than
   * PREDICTION_MIN_POINTS days of readings or a span under PREDICTION_MIN_SPAN_DAYS days.
   */
  async predict(userId: string, query: BodyPredictionQueryDto): Promise<BodyPredictionDto> {
    const units = await this.users.preferencesOf(userId);
    const window = this.windowOf(userId, query, units.timeZone);
    const { days, spanDays, sums } = await this.metrics.dailyTotals(window);
    if (!sums || days < PREDICTION_MIN_POINTS || spanDays < PREDICTION_MIN_SPAN_DAYS) {
      throw notEnoughData(query.metric, window, days, spanDays);
    }
    const fit = fitLine(sums);
    const lastX = daysBetween(window.firstDay, window.lastDay);
    const prediction = predict(fit, lastX + query.horizonDays);
    const inUnit = (stored: number) => fromStored(query.metric, stored, units);
    return {
      metric: query.metric,
      unit: unitOf(query.metric, units),
      timeZone: units.timeZone,
      from: window.firstDay,
      to: window.lastDay,
      points: days,
      spanDays,
      slopePerWeek: inUnit(fit.slope * DAYS_PER_WEEK),
      r2: Math.round(fit.r2 * 10_000) / 10_000,
      residualStandardError: inUnit(prediction.residualStandardError),
      horizonDays: query.horizonDays,
      targetDate: addDays(window.lastDay, query.horizonDays),
      projected: inUnit(prediction.value),
      interval: {
        confidence: PREDICTION_CONFIDENCE,
        lower: inUnit(prediction.lower),
        upper: inUnit(prediction.upper),
      },
    };
  }

  /** The `days` local days ending on `endDate` (default: today where the user lives). */
  private windowOf(userId: string, query: BodyPeriodQueryDto, timeZone: string): DailyWindow {
    const lastDay = query.endDate ?? localDate(timeZone);
    return {
      userId,
      column: MEASUREMENTS[query.metric].column,
      timeZone,
      firstDay: addDays(lastDay, -(query.days - 1)),
      lastDay,
    };
  }
}

/** The first day whose value wins `better` against every other (earliest on ties). */
function extreme(
  days: DailyValue[],
  better: (a: number, b: number) => boolean,
): DailyValue | undefined {
  return days.reduce<DailyValue | undefined>(
    (best, day) => (!best || better(day.value, best.value) ? day : best),
    undefined,
  );
}

/** Says what a prediction needs and what there is, for the client to tell the user. */
function notEnoughData(
  metric: BodyMeasurement,
  window: DailyWindow,
  points: number,
  spanDays: number,
): ProblemException {
  return BodyMetricProblems.notEnoughData.exception(
    `A ${metric} trend needs readings on at least ${PREDICTION_MIN_POINTS} different days, ` +
      `the first and last at least ${PREDICTION_MIN_SPAN_DAYS} days apart, between ` +
      `${window.firstDay} and ${window.lastDay}; there are ${points} day(s) spanning ` +
      `${spanDays} day(s).`,
    {
      requiredPoints: PREDICTION_MIN_POINTS,
      requiredSpanDays: PREDICTION_MIN_SPAN_DAYS,
      points,
      spanDays,
    },
  );
}
