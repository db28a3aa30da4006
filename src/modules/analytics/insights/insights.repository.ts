import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { localDaySql, withinLocalDaysSql } from '../../../common/time/local-day-sql';

/** A span of the user's local days, both inclusive (`YYYY-MM-DD`), in `timeZone`. */
export interface LocalDays {
  userId: string;
  timeZone: string;
  firstDay: string;
  lastDay: string;
}

/** One local day of journal: its mean mood and energy, what was logged, and the entries. */
export interface JournalDayRow {
  day: string;
  /** Mean of the day's entries that have one; null if none has. */
  mood: number | null;
  energy: number | null;
  entryTypes: string[];
  tags: string[];
  entryIds: string[];
}

/** One local day of training: its completed sessions and their total volume. */
export interface TrainingDayRow {
  day: string;
  sessions: number;
  /** Σ of the sessions' total volume (completed working sets, weight × reps), in kg. */
  volumeKg: number;
  workoutIds: string[];
}

/** The local day of an instant; `$2` is always the time zone. */
const localDay = (instant: string) => localDaySql(instant, '$2');

/**
 * The per-day aggregates insights are computed from. Each query groups one user's rows by
 * local day in PostgreSQL (one row per day reaches Node, whatever the history), over the
 * owning tables' per-user time indexes, like the progress and leaderboard reads do.
 */
@Injectable()
export class InsightsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Journal days with at least one entry (IDX_entries_user_occurred). Tags are grouped in
   * their own pass so that an entry with several tags does not weigh more in the means.
   */
  journalDays(days: LocalDays): Promise<JournalDayRow[]> {
    return this.db.query(
      `WITH picked AS (
         SELECT e.id, e.mood, e.energy, e.type, e.tags, e.occurred_at, ${localDay('e.occurred_at')} AS day
           FROM entries e
          WHERE e.user_id = $1 AND ${withinLocalDaysSql('e.occurred_at', '$2', '$3', '$4')}),
       per_day AS (
         SELECT day, avg(mood)::float8 AS mood, avg(energy)::float8 AS energy,
                array_agg(DISTINCT type::text) AS "entryTypes",
                array_agg(id::text ORDER BY occurred_at, id) AS "entryIds"
           FROM picked GROUP BY day),
       day_tags AS (
         SELECT p.day, array_agg(DISTINCT t.tag) AS tags
           FROM picked p CROSS JOIN LATERAL unnest(p.tags) AS t(tag)
          GROUP BY p.day)
       SELECT d.day, d.mood, d.energy, d."entryTypes", coalesce(t.tags, '{}') AS tags, d."entryIds"
         FROM per_day d LEFT JOIN day_tags t ON t.day = d.day
        ORDER BY d.day`,
      [days.userId, days.timeZone, days.firstDay, days.lastDay],
    );
  }

  /**
   * Days with at least one completed session (IDX_workouts_user_status_session), a session
   * counted on the day it started; volume is the total written at completion.
   */
  trainingDays(days: LocalDays): Promise<TrainingDayRow[]> {
    return this.db.query(
      `SELECT ${localDay('w.session_at')} AS day, count(*)::int AS sessions,
              coalesce(sum(w.total_volume_kg), 0)::float8 AS "volumeKg",
              array_agg(w.id::text ORDER BY w.session_at, w.id) AS "workoutIds"
         FROM workouts w
        WHERE w.user_id = $1 AND w.status = 'completed'
          AND ${withinLocalDaysSql('w.session_at', '$2', '$3', '$4')}
        GROUP BY 1
        ORDER BY 1`,
      [days.userId, days.timeZone, days.firstDay, days.lastDay],
    );
  }
}
