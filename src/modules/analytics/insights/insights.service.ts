import { Injectable } from '@nestjs/common';
import { assertValid } from '../../../common/errors/domain-errors';
import { addDays, daysBetween, localDate } from '../../../common/time/local-date';
import { fromKilograms } from '../../../common/units/weight-unit';
import { UsersService } from '../../users/users.service';
import { InsightsDto } from './dto/insights.dto';
import {
  analyse,
  FDR,
  JOURNAL_LOOKBACK_DAYS,
  MIN_GROUP_DAYS,
  TRAINING_LOOKBACK_DAYS,
} from './insights.analysis';
import { InsightsRepository } from './insights.repository';
import { PERMUTATION_SEED, PERMUTATIONS, ROBUST_Z_THRESHOLD } from './statistics';

/** The default period: the 90 days ending `to`. */
export const DEFAULT_PERIOD_DAYS = 90;
/** The longest period analysed: three years. */
export const MAX_PERIOD_DAYS = 1096;

/**
 * The per-day journal and training series of a period (AnalyticsInsightsService
 * .moodAndTrainingDays): the same SQL aggregates the insights are computed from.
 */
export interface MoodAndTrainingDays {
  /** The period, `YYYY-MM-DD`, both inclusive, in `timeZone` (the user's). */
  from: string;
  to: string;
  timeZone: string;
  /** The days with a mood, in order: the mean of that day's entries that have one. */
  mood: { day: string; mood: number }[];
  /** The days with a completed session (counted on the day it started), in order. */
  training: { day: string; sessions: number; volumeKg: number }[];
}

/**
 * Grounded insights from the user's journal and training (docs/insights.md): per-day
 * aggregates from SQL, statistics in insights.analysis.ts. Used by GET /analytics/insights and
 * by the reports; the signature of `insights` is stable.
 */
@Injectable()
export class AnalyticsInsightsService {
  constructor(
    private readonly repository: InsightsRepository,
    private readonly users: UsersService,
  ) {}

  /** Resolves an optional period (defaults: the 90 days ending today, the user's time zone). */
  async defaultPeriod(
    userId: string,
    query: { from?: string; to?: string },
  ): Promise<{ from: string; to: string }> {
    const { timeZone } = await this.users.preferencesOf(userId);
    const to = query.to ?? localDate(timeZone);
    const from = query.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
    return { from, to };
  }

  /**
   * Mood and training per local day of `period` (`YYYY-MM-DD`, both inclusive), or of the
   * `lastDays` days ending today, in the user's time zone, aggregated in SQL (one row per day
   * reaches Node, whatever the history). For the chat coach's mood question and the reports.
   */
  async moodAndTrainingDays(
    userId: string,
    period: { from: string; to: string } | { lastDays: number },
  ): Promise<MoodAndTrainingDays> {
    const { timeZone } = await this.users.preferencesOf(userId);
    const to = 'to' in period ? period.to : localDate(timeZone);
    const from = 'from' in period ? period.from : addDays(to, -(period.lastDays - 1));
    const days = { userId, timeZone, firstDay: from, lastDay: to };
    const [journal, training] = await Promise.all([
      this.repository.journalDays(days),
      this.repository.trainingDays(days),
    ]);
    return {
      from,
      to,
      timeZone,
      mood: journal.flatMap(({ day, mood }) => (mood === null ? [] : [{ day, mood }])),
      training: training.map(({ day, sessions, volumeKg }) => ({ day, sessions, volumeKg })),
    };
  }

  /**
   * Insights and anomalies of `period` (`YYYY-MM-DD`, both inclusive, in the user's time
   * zone). 400 if `from` is after `to` or the period is longer than three years.
   */
  async insights(userId: string, period: { from: string; to: string }): Promise<InsightsDto> {
    const { from, to } = period;
    assertValid(
      from > to
        ? [{ field: 'startDate', messages: ['startDate must not be after endDate'] }]
        : daysBetween(from, to) + 1 > MAX_PERIOD_DAYS
          ? [
              {
                field: 'startDate',
                messages: [`the period must be at most ${MAX_PERIOD_DAYS} days`],
              },
            ]
          : [],
    );
    const { timeZone, weightUnit } = await this.users.preferencesOf(userId);
    const [journal, training] = await Promise.all([
      this.repository.journalDays({
        userId,
        timeZone,
        firstDay: addDays(from, -JOURNAL_LOOKBACK_DAYS),
        lastDay: to,
      }),
      this.repository.trainingDays({
        userId,
        timeZone,
        firstDay: addDays(from, -TRAINING_LOOKBACK_DAYS),
        lastDay: to,
      }),
    ]);
    const analysis = analyse({ firstDay: from, lastDay: to, journal, training });
    const weight = (kg: number) => fromKilograms(kg, weightUnit);
    return {
      from,
      to,
      timeZone,
      unit: weightUnit,
      method: {
        tested: analysis.tested,
        permutations: PERMUTATIONS,
        seed: PERMUTATION_SEED,
        fdr: FDR,
        minGroupDays: MIN_GROUP_DAYS,
        anomalyThreshold: -ROBUST_Z_THRESHOLD,
      },
      insights: analysis.insights,
      anomalies: analysis.anomalies.map((anomaly) => {
        if (anomaly.kind !== 'low_session_volume') return anomaly;
        const value = weight(anomaly.value);
        const baselineMedian = weight(anomaly.baselineMedian);
        return {
          ...anomaly,
          value,
          baselineMedian,
          baselineMad: weight(anomaly.baselineMad),
          statement:
            `Your training volume on ${anomaly.date} (${value} ${weightUnit}) was far below ` +
            `your usual ${baselineMedian} ${weightUnit} over your previous ` +
            `${anomaly.baselineDays} training days (robust z = ${anomaly.robustZ}, threshold ` +
            `−${ROBUST_Z_THRESHOLD}).`,
        };
      }),
    };
  }
}
