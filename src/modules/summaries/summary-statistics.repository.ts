import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DayMood, SeriesStatistics, SummaryStatistics } from '../ai/ai.vocabulary';
import { PeriodWindow } from './summary-period';
import { bestAndWorstDays, moodAssociations, MoodSums, round, streaks } from './summary-statistics';

const NOTES_FOR_NLP = 30;
const NOTE_CHARACTERS_FOR_NLP = 500;

type SeriesRow = {
  avg: number | null;
  trend: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
  n: number;
};

function series(row: SeriesRow): SeriesStatistics {
  return {
    average: round(row.avg),
    trendPerDay: round(row.trend, 3),
    volatility: round(row.sd),
    min: row.min,
    max: row.max,
    samples: row.n,
  };
}

/**
 * Every number of a summary, computed in PostgreSQL over one user's entries in one period
 * (each query is a range scan of IDX_entries_user_occurred). Only per-day and per-tag
 * aggregates, a few dozen rows, come back to Node.
 */
@Injectable()
export class SummaryStatisticsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async compute(userId: string, window: PeriodWindow): Promise<SummaryStatistics> {
    const args = [userId, window.start, window.end];
    const [totals, days, groups, types] = await Promise.all([
      this.totals(args),
      this.days(args),
      this.moodGroups(args),
      this.entriesByType(args),
    ]);
    const { best, worst } = bestAndWorstDays(days.filter((d) => d.entries > 0));
    const { longest, current } = streaks(days.map((d) => d.date));
    const moodTotals = { sum: totals.mood_sum ?? 0, count: totals.mood.n };
    const tags = moodAssociations(
      groups.filter((g) => g.kind === 'tag'),
      moodTotals,
    );
    const byType = moodAssociations(
      groups.filter((g) => g.kind === 'type'),
      moodTotals,
    );
    return {
      period: window.period,
      from: window.start.toISOString(),
      to: window.end.toISOString(),
      entryCount: totals.entry_count,
      daysWithEntries: days.length,
      mood: series(totals.mood),
      energy: series(totals.energy),
      bestDay: best,
      worstDay: worst,
      longestStreakDays: longest,
      currentStreakDays: current,
      tagsWithHigherMood: tags.higher,
      tagsWithLowerMood: tags.lower,
      typesWithHigherMood: byType.higher,
      typesWithLowerMood: byType.lower,
      entriesByType: types,
    };
  }

  /** The period's note texts, newest first, bounded for the NLP and the AI prompt. */
  async notes(userId: string, window: PeriodWindow): Promise<string[]> {
    const rows: { note: string }[] = await this.db.query(
      `SELECT left(note, ${NOTE_CHARACTERS_FOR_NLP}) AS note
         FROM entries
        WHERE user_id = $1 AND occurred_at >= $2 AND occurred_at < $3
          AND note IS NOT NULL AND btrim(note) <> ''
        ORDER BY occurred_at DESC, id DESC
        LIMIT ${NOTES_FOR_NLP}`,
      [userId, window.start, window.end],
    );
    return rows.map((r) => r.note);
  }

  private async totals(args: unknown[]) {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS entry_count,
              sum(mood)::float AS mood_sum,
              avg(mood)::float AS mood_avg, regr_slope(mood, extract(epoch FROM occurred_at) / 86400)::float AS mood_trend,
              stddev_pop(mood)::float AS mood_sd, min(mood) AS mood_min, max(mood) AS mood_max, count(mood)::int AS mood_n,
              avg(energy)::float AS energy_avg, regr_slope(energy, extract(epoch FROM occurred_at) / 86400)::float AS energy_trend,
              stddev_pop(energy)::float AS energy_sd, min(energy) AS energy_min, max(energy) AS energy_max, count(energy)::int AS energy_n
         FROM entries
        WHERE user_id = $1 AND occurred_at >= $2 AND occurred_at < $3`,
      args,
    );
    const pick = (prefix: 'mood' | 'energy'): SeriesRow => ({
      avg: row[`${prefix}_avg`],
      trend: row[`${prefix}_trend`],
      sd: row[`${prefix}_sd`],
      min: row[`${prefix}_min`],
      max: row[`${prefix}_max`],
      n: row[`${prefix}_n`],
    });
    return {
      entry_count: row.entry_count as number,
      mood_sum: row.mood_sum as number | null,
      mood: pick('mood'),
      energy: pick('energy'),
    };
  }

  /** One row per UTC day with entries: its average mood (over entries that have one). */
  private async days(args: unknown[]): Promise<DayMood[]> {
    const rows: { day: string; avg: number | null; n: number }[] = await this.db.query(
      `SELECT to_char((occurred_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day,
              avg(mood)::float AS avg, count(mood)::int AS n
         FROM entries
        WHERE user_id = $1 AND occurred_at >= $2 AND occurred_at < $3
        GROUP BY 1 ORDER BY 1`,
      args,
    );
    return rows.map((r) => ({ date: r.day, averageMood: round(r.avg) ?? 0, entries: r.n }));
  }

  /** Mood sums per tag and per event type, over entries that have a mood. */
  private async moodGroups(args: unknown[]): Promise<(MoodSums & { kind: 'tag' | 'type' })[]> {
    const rows: { kind: 'tag' | 'type'; key: string; sum: number; count: number }[] =
      await this.db.query(
        `WITH rated AS (
         SELECT mood, tags, type FROM entries
          WHERE user_id = $1 AND occurred_at >= $2 AND occurred_at < $3 AND mood IS NOT NULL
       )
       SELECT 'tag' AS kind, tag AS key, sum(mood)::float AS sum, count(*)::int AS count
         FROM rated, unnest(rated.tags) AS tag GROUP BY tag
       UNION ALL
       SELECT 'type', type::text, sum(mood)::float, count(*)::int FROM rated GROUP BY type`,
        args,
      );
    return rows;
  }

  private entriesByType(args: unknown[]): Promise<{ type: string; entries: number }[]> {
    return this.db.query(
      `SELECT type::text AS type, count(*)::int AS entries
         FROM entries
        WHERE user_id = $1 AND occurred_at >= $2 AND occurred_at < $3
        GROUP BY type ORDER BY entries DESC, type`,
      args,
    );
  }
}
