import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { addDays, daysBetween, isoWeekStart, localDate } from '../../common/time/local-date';
import { fromKilograms, WeightUnit } from '../../common/units/weight-unit';
import { AnalyticsService } from '../analytics/analytics.service';
import { AnalyticsInsightsService } from '../analytics/insights/insights.service';
import { BodyTrendsService } from '../body-metrics/body-trends.service';
import type { BodyAnalyticsQueryDto } from '../body-metrics/dto/body-trend-query.dto';
import type { ListGoalsQueryDto } from '../goals/dto/list-goals-query.dto';
import { GoalsService } from '../goals/goals.service';
import { SeriesResolution } from '../progress/dto/progress-query.dto';
import { ProgressService } from '../progress/progress.service';
import { UsersService } from '../users/users.service';
import { WorkoutsService } from '../workouts/workouts.service';
import { Report } from './entities/report.entity';
import { GoalRow, RecordRow, ReportCharts, ReportContent } from './report-content';
import { formatNumber, headlinesFrom } from './report-headlines';
import { ReportKind, reportTitle } from './report.vocabulary';

/** At most this many main lifts in the e1RM chart (the most trained of the period). */
const MAIN_LIFTS = 3;
const MAX_RECORDS = 1_000;
/** Rows of the records table: the best record of each exercise and kind, at most this many. */
const MAX_RECORD_ROWS = 24;
const PAGE = 100;
/** The longest span the progress routes aggregate (156 ISO weeks). */
const MAX_WEEKS = 156;

const RECORD_KINDS: Record<string, string> = {
  max_weight: 'Max weight',
  best_e1rm: 'Best e1RM',
  best_set_volume: 'Best set volume',
  most_reps_at_weight: 'Most reps',
};

/**
 * Gathers what a report shows, only through other modules' exported services (progress,
 * body metrics, goals, workouts, analytics and its insights): nothing here reads their tables.
 * `onProgress` gets a fraction (0–1) after each step.
 */
@Injectable()
export class ReportDataService {
  constructor(
    private readonly users: UsersService,
    private readonly progress: ProgressService,
    private readonly bodyTrends: BodyTrendsService,
    private readonly goals: GoalsService,
    private readonly workouts: WorkoutsService,
    private readonly analytics: AnalyticsService,
    private readonly insights: AnalyticsInsightsService,
  ) {}

  async gather(
    report: Pick<Report, 'userId' | 'kind' | 'period' | 'fromDate' | 'toDate' | 'timeZone'>,
    onProgress: (fraction: number) => Promise<void> = async () => undefined,
  ): Promise<ReportContent> {
    const { userId, fromDate, toDate, timeZone } = report;
    const [profile, preferences] = await Promise.all([
      this.users.profileOf(userId),
      this.users.preferencesOf(userId),
    ]);
    const unit = preferences.weightUnit;
    const range = instantsOf(fromDate, toDate, timeZone);
    const headlines = headlinesFrom(
      await this.analytics.overview(userId, { from: fromDate, to: toDate }),
    );
    await onProgress(0.2);
    const goals = await this.goalRows(userId);
    let charts: ReportCharts = emptyCharts();
    let records: RecordRow[] = [];
    let insights: string[] | null = null;
    if (report.kind === ReportKind.Progress) {
      charts = {
        ...charts,
        weeklyVolume: await this.weeklyVolume(userId, fromDate, toDate),
        e1rm: await this.mainLifts(userId, fromDate, toDate),
      };
      await onProgress(0.5);
      charts.bodyWeight = await this.bodyWeight(userId, fromDate, toDate);
      charts.moodTraining = await this.moodTraining(userId, fromDate, toDate, timeZone, unit);
      await onProgress(0.8);
      records = await this.records(userId, range, timeZone, unit);
      insights = await this.insightLines(userId, fromDate, toDate);
    }
    charts.goalProgress = goals.map((goal) => ({ title: goal.title, percent: goal.percent }));
    await onProgress(1);
    return {
      kind: report.kind,
      title: reportTitle(report),
      ownerName: profile.displayName,
      fromDate,
      toDate,
      timeZone,
      generatedAt: new Date().toISOString(),
      weightUnit: unit,
      headlines,
      charts,
      records,
      goals: goals.map((goal) => goal.row),
      insights,
    };
  }

  /**
   * The insights of the period, in the insights service's own words with their numbers (only
   * pairs that passed its multiple-testing correction), then its anomalies.
   */
  private async insightLines(userId: string, from: string, to: string): Promise<string[]> {
    const found = await this.insights.insights(userId, { from, to });
    return [
      ...found.insights.map((insight) => insight.statement),
      ...found.anomalies.map((anomaly) => `${anomaly.date}: ${anomaly.statement}`),
    ].slice(0, 6);
  }

  /** Volume per ISO week, counting only the period's days (the analytics rollups). */
  private async weeklyVolume(userId: string, fromDate: string, toDate: string) {
    const volume = await this.analytics.volume(userId, {
      from: fromDate,
      to: toDate,
      bucket: 'week',
    });
    return volume.buckets.map((week) => ({ weekStart: week.start, volume: week.volume }));
  }

  /** The most trained exercises of the period and the e1RM of each of their sessions in it. */
  private async mainLifts(userId: string, fromDate: string, toDate: string) {
    const weeks = weeksCovering(fromDate, toDate);
    const strength = await this.progress.strength(userId, { weeks, endDate: toDate });
    const main = [...strength.exercises]
      .sort((a, b) => b.sessions - a.sessions || a.name.localeCompare(b.name))
      .slice(0, MAIN_LIFTS);
    const series = [];
    for (const exercise of main) {
      // Every session: the chart plots each one.
      const points = await this.progress.strengthSeries(userId, exercise.exerciseId, {
        weeks,
        endDate: toDate,
        resolution: SeriesResolution.Session,
      });
      const inPeriod = points.series.filter((p) => p.date >= fromDate && p.date <= toDate);
      if (inPeriod.length > 0) {
        series.push({
          exercise: exercise.name,
          points: inPeriod.map((p) => ({ date: p.date, e1rm: p.e1rm })),
        });
      }
    }
    return series;
  }

  private async bodyWeight(userId: string, fromDate: string, toDate: string) {
    const query = {
      metric: 'weight',
      days: Math.min(730, daysBetween(fromDate, toDate) + 1),
      window: 7,
      endDate: toDate,
    } as BodyAnalyticsQueryDto;
    const analytics = await this.bodyTrends.analytics(userId, query);
    return analytics.series.map((day) => ({ date: day.date, value: day.value }));
  }

  /**
   * Each day of the period: its average mood and the volume of the sessions held that day (in
   * the reader's unit), from the insights' per-day series (grouped in SQL by local day).
   */
  private async moodTraining(
    userId: string,
    fromDate: string,
    toDate: string,
    timeZone: string,
    unit: WeightUnit,
  ): Promise<ReportCharts['moodTraining']> {
    const { journal, training } = await this.insights.moodAndTrainingDays(
      userId,
      { firstDay: fromDate, lastDay: toDate },
      timeZone,
    );
    const moods = new Map(journal.map((day) => [day.day, day.mood]));
    const volumes = new Map(training.map((day) => [day.day, day.volumeKg]));
    const days: ReportCharts['moodTraining'] = [];
    for (let day = fromDate; day <= toDate; day = addDays(day, 1)) {
      const mood = moods.get(day) ?? null;
      days.push({
        date: day,
        mood: mood === null ? null : Math.round(mood * 10) / 10,
        volume: fromKilograms(volumes.get(day) ?? 0, unit),
      });
    }
    return days;
  }

  private async records(
    userId: string,
    range: { from: Date; to: Date },
    timeZone: string,
    unit: string,
  ): Promise<RecordRow[]> {
    const rows = await this.workouts.recordsInRange(userId, range.from, range.to, MAX_RECORDS);
    // Records only improve, so the last of each exercise and kind is its best of the period:
    // one row each keeps the table to a page (a session sets several records of one lift).
    const best = new Map<string, (typeof rows)[number]>();
    for (const row of rows) best.set(`${row.exerciseName}|${row.kind}`, row);
    const kinds = Object.keys(RECORD_KINDS);
    const toUnit = (kg: number) => (unit === 'lb' ? kg / 0.45359237 : kg);
    return [...best.values()]
      .sort(
        (a, b) =>
          a.exerciseName.localeCompare(b.exerciseName) ||
          kinds.indexOf(a.kind) - kinds.indexOf(b.kind),
      )
      .slice(0, MAX_RECORD_ROWS)
      .map((row) => ({
        date: localDate(timeZone, new Date(row.achievedAt)),
        exercise: row.exerciseName,
        kind: RECORD_KINDS[row.kind] ?? row.kind,
        value:
          row.kind === 'most_reps_at_weight'
            ? `${row.value} reps at ${formatNumber(toUnit(row.weightKg))} ${unit}`
            : `${formatNumber(toUnit(row.value))} ${unit}`,
      }));
  }

  private async goalRows(
    userId: string,
  ): Promise<{ title: string; percent: number; row: GoalRow }[]> {
    const rows: { title: string; percent: number; row: GoalRow }[] = [];
    let cursor: string | undefined;
    do {
      const query = { limit: PAGE, cursor } as ListGoalsQueryDto;
      const page = await this.goals.list(userId, query);
      for (const goal of page.items) {
        rows.push({
          title: goal.title,
          percent: goal.progress,
          row: {
            title: goal.title,
            status: goal.status,
            progress: `${Math.round(goal.progress)} %`,
            target: `${formatNumber(goal.target)} ${goal.unit}`,
            deadline: goal.deadline ?? '-',
          },
        });
      }
      cursor = page.meta.nextCursor ?? undefined;
    } while (cursor && rows.length < 200);
    return rows;
  }
}

/** The instants [from, to) of the local days fromDate..toDate in `timeZone`. */
export function instantsOf(fromDate: string, toDate: string, timeZone: string) {
  return {
    from: DateTime.fromISO(fromDate, { zone: timeZone }).startOf('day').toJSDate(),
    to: DateTime.fromISO(toDate, { zone: timeZone }).plus({ days: 1 }).startOf('day').toJSDate(),
  };
}

/** ISO weeks from the one of `fromDate` to the one of `toDate` (the progress routes' period). */
function weeksCovering(fromDate: string, toDate: string): number {
  const weeks = daysBetween(isoWeekStart(fromDate), isoWeekStart(toDate)) / 7 + 1;
  return Math.min(MAX_WEEKS, Math.max(1, weeks));
}

function emptyCharts(): ReportCharts {
  return { weeklyVolume: [], e1rm: [], bodyWeight: [], moodTraining: [], goalProgress: [] };
}
