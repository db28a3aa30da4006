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

/** What one summary is written from: its numbers and the period's notes for the NLP. */
export interface PeriodReading {
  statistics: SummaryStatistics;
  /** The period's note texts, newest first, bounded for the NLP and the AI prompt. */
  notes: string[];
}

export type PeriodRow = {
  entry_count: number;
  mood_sum: number | null;
  mood: SeriesRow;
  energy: SeriesRow;
  days: { day: string; avg: number | null; n: number }[];
  groups: (MoodSums & { kind: 'tag' | 'type' })[];
  types: { type: string; entries: number }[];
  notes: string[];
};

/** avg, trend per day, spread, range and count of one rating column, as a json object. */
function seriesSql(column: 'mood' | 'energy'): string {
  return `json_build_object(
            'avg', avg(${column})::float,
            'trend', regr_slope(${column}, extract(epoch FROM occurred_at) / 86400)::float,
            'sd', stddev_pop(${column})::float,
            'min', min(${column}), 'max', max(${column}), 'n', count(${column})::int)`;
}

/**
 * Where the period's entries come from: SQL expressions of its user and bounds, which may name
 * a row of the enclosing query (the reading is then a subquery correlated to it).
 */
export interface PeriodSource {
  userId: string;
  start: string;
  end: string;
}

/**
 * Every number of a summary, and the notes it is written from, as one row: the period's
 * entries are read once (one range scan of IDX_entries_user_occurred, materialised), and only
 * per-day, per-tag and per-type aggregates, a few dozen values, come back to Node as json.
 * One round trip instead of five matters on the worker, whose time goes to socket writes.
 */
export function periodReadingSql(source: PeriodSource): string {
  return `
  WITH period AS MATERIALIZED (
    SELECT e.id, e.occurred_at, e.type, e.mood, e.energy, e.tags, e.note
      FROM entries e
     WHERE e.user_id = ${source.userId} AND e.occurred_at >= ${source.start}
       AND e.occurred_at < ${source.end}
  )
  SELECT totals.*,
         (SELECT coalesce(json_agg(d ORDER BY d.day), '[]')
            FROM (SELECT to_char((occurred_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day,
                         avg(mood)::float AS avg, count(mood)::int AS n
                    FROM period GROUP BY 1) d) AS days,
         (SELECT coalesce(json_agg(g), '[]')
            FROM (SELECT 'tag' AS kind, tag AS key, sum(mood)::float AS sum, count(*)::int AS count
                    FROM period, unnest(period.tags) AS tag
                   WHERE mood IS NOT NULL GROUP BY tag
                  UNION ALL
                  SELECT 'type', type::text, sum(mood)::float, count(*)::int
                    FROM period WHERE mood IS NOT NULL GROUP BY type) g) AS groups,
         (SELECT coalesce(json_agg(t ORDER BY t.entries DESC, t.type), '[]')
            FROM (SELECT type::text AS type, count(*)::int AS entries
                    FROM period GROUP BY type) t) AS types,
         (SELECT coalesce(json_agg(n.note ORDER BY n.occurred_at DESC, n.id DESC), '[]')
            FROM (SELECT left(note, ${NOTE_CHARACTERS_FOR_NLP}) AS note, occurred_at, id
                    FROM period
                   WHERE note IS NOT NULL AND btrim(note) <> ''
                   ORDER BY occurred_at DESC, id DESC
                   LIMIT ${NOTES_FOR_NLP}) n) AS notes
    FROM (SELECT count(*)::int AS entry_count, sum(mood)::float AS mood_sum,
                 ${seriesSql('mood')} AS mood,
                 ${seriesSql('energy')} AS energy
            FROM period) totals`;
}

/** The row of periodReadingSql as the summary's statistics and notes. */
export function readingOf(row: PeriodRow, window: PeriodWindow): PeriodReading {
  const days: DayMood[] = row.days.map((d) => ({
    date: d.day,
    averageMood: round(d.avg) ?? 0,
    entries: d.n,
  }));
  const { best, worst } = bestAndWorstDays(days.filter((d) => d.entries > 0));
  const { longest, current } = streaks(days.map((d) => d.date));
  const moodTotals = { sum: row.mood_sum ?? 0, count: row.mood.n };
  const tags = moodAssociations(
    row.groups.filter((g) => g.kind === 'tag'),
    moodTotals,
  );
  const byType = moodAssociations(
    row.groups.filter((g) => g.kind === 'type'),
    moodTotals,
  );
  const statistics: SummaryStatistics = {
    period: window.period,
    from: window.start.toISOString(),
    to: window.end.toISOString(),
    entryCount: row.entry_count,
    daysWithEntries: days.length,
    mood: series(row.mood),
    energy: series(row.energy),
    bestDay: best,
    worstDay: worst,
    longestStreakDays: longest,
    currentStreakDays: current,
    tagsWithHigherMood: tags.higher,
    tagsWithLowerMood: tags.lower,
    typesWithHigherMood: byType.higher,
    typesWithLowerMood: byType.lower,
    entriesByType: row.types,
  };
  return { statistics, notes: row.notes };
}
