import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { suspendedNowSql } from '../users/user.vocabulary';

export interface DayCount {
  date: string;
  count: number;
}

/**
 * The admin's figures over the whole application (docs/admin.md): read-only aggregates in SQL
 * across the domains' tables, each bounded by a period and backed by a created_at index
 * (migration AccountDeletionAndAdmin). Activity means a session used: the API issues a refresh
 * token at sign-in and at each refresh (every access-token lifetime while the app is open), so
 * refresh_tokens.created_at is the log of who used the app when.
 */
@Injectable()
export class AdminFiguresRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async accountCounts(): Promise<{
    total: number;
    suspended: number;
    pendingDeletion: number;
  }> {
    const [row] = await this.db.query(
      `SELECT (SELECT count(*)::int FROM users WHERE status <> 'deleted') AS total,
              (SELECT count(*)::int FROM users WHERE ${suspendedNowSql()}) AS suspended,
              (SELECT count(*)::int FROM account_deletions
                WHERE status IN ('scheduled', 'purging')) AS "pendingDeletion"`,
    );
    return row;
  }

  /** Distinct users with a session used within the last day, 7 days and 30 days. */
  async activeUsers(): Promise<{ day: number; week: number; month: number }> {
    const [row] = await this.db.query(
      `SELECT count(DISTINCT user_id) FILTER (WHERE created_at > now() - interval '1 day')::int AS day,
              count(DISTINCT user_id) FILTER (WHERE created_at > now() - interval '7 days')::int AS week,
              count(DISTINCT user_id)::int AS month
         FROM refresh_tokens WHERE created_at > now() - interval '30 days'`,
    );
    return row;
  }

  /** Rows of `table` created per UTC day over the last `days` days, zeros included. */
  perDay(table: 'users' | 'workouts' | 'entries', days: number): Promise<DayCount[]> {
    const extra = table === 'users' ? ` AND t.status <> 'deleted'` : '';
    return this.countPerDay(`"${table}"`, 'count(t.created_at)', extra, days);
  }

  /** Distinct active users (a session used) per UTC day over the last `days` days. */
  activePerDay(days: number): Promise<DayCount[]> {
    return this.countPerDay('refresh_tokens', 'count(DISTINCT t.user_id)', '', days);
  }

  /**
   * `count` over the rows `t` of `table` (a trusted name) created on each UTC day of the last
   * `days` days (`extra`: more join conditions), zeros included.
   */
  private countPerDay(
    table: string,
    count: string,
    extra: string,
    days: number,
  ): Promise<DayCount[]> {
    return this.db.query(
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS date, ${count}::int AS count
         FROM generate_series((now() AT TIME ZONE 'UTC')::date - ($1::int - 1), (now() AT TIME ZONE 'UTC')::date, interval '1 day') AS d(day)
         LEFT JOIN ${table} t
           ON t.created_at >= d.day AT TIME ZONE 'UTC'
          AND t.created_at < (d.day + interval '1 day') AT TIME ZONE 'UTC'${extra}
        GROUP BY d.day ORDER BY d.day`,
      [days],
    );
  }

  /**
   * Weekly cohorts (accounts by the ISO week, UTC, they signed up in) of the last `weeks`
   * weeks, and how many of each used the app in each week since: week 0 is the sign-up week.
   */
  async cohorts(
    weeks: number,
  ): Promise<{ cohort: string; size: number; active: { week: number; users: number }[] }[]> {
    const rows: { cohort: string; size: number; week: number | null; users: number }[] =
      await this.db.query(
        `WITH cohort AS (
           SELECT id, date_trunc('week', created_at AT TIME ZONE 'UTC') AS week
             FROM users
            WHERE status <> 'deleted'
              AND created_at >= date_trunc('week', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
                                 - make_interval(weeks => $1::int - 1)),
         sizes AS (SELECT week, count(*)::int AS size FROM cohort GROUP BY week),
         activity AS (
           SELECT DISTINCT c.week,
                  ((date_trunc('week', t.created_at AT TIME ZONE 'UTC')::date - c.week::date) / 7)::int AS n,
                  t.user_id
             FROM cohort c JOIN refresh_tokens t ON t.user_id = c.id)
         SELECT to_char(s.week, 'YYYY-MM-DD') AS cohort, s.size, a.n AS week,
                count(a.user_id)::int AS users
           FROM sizes s LEFT JOIN activity a ON a.week = s.week
          GROUP BY s.week, s.size, a.n
          ORDER BY s.week, a.n`,
        [weeks],
      );
    const byCohort = new Map<
      string,
      { cohort: string; size: number; active: { week: number; users: number }[] }
    >();
    for (const row of rows) {
      const cohort = byCohort.get(row.cohort) ?? { cohort: row.cohort, size: row.size, active: [] };
      if (row.week !== null) cohort.active.push({ week: row.week, users: row.users });
      byCohort.set(row.cohort, cohort);
    }
    return [...byCohort.values()];
  }

  /** AI calls and tokens since `since`, per feature (operation) and per user (top `limit`). */
  async aiUsage(since: Date, limit: number) {
    const byFeature: {
      feature: string;
      calls: number;
      promptTokens: number;
      completionTokens: number;
    }[] = await this.db.query(
      `SELECT operation AS feature, count(*)::int AS calls,
              coalesce(sum(prompt_tokens), 0)::int AS "promptTokens",
              coalesce(sum(completion_tokens), 0)::int AS "completionTokens"
         FROM ai_usage WHERE created_at >= $1
        GROUP BY operation ORDER BY operation`,
      [since],
    );
    const byUser: {
      userId: string;
      displayName: string | null;
      calls: number;
      promptTokens: number;
      completionTokens: number;
    }[] = await this.db.query(
      `SELECT a.user_id AS "userId", u.display_name AS "displayName", a.calls,
              a."promptTokens", a."completionTokens"
         FROM (SELECT user_id, count(*)::int AS calls,
                      coalesce(sum(prompt_tokens), 0)::int AS "promptTokens",
                      coalesce(sum(completion_tokens), 0)::int AS "completionTokens"
                 FROM ai_usage WHERE created_at >= $1 GROUP BY user_id) a
         LEFT JOIN users u ON u.id = a.user_id
        ORDER BY a."promptTokens" + a."completionTokens" DESC, a.user_id
        LIMIT $2`,
      [since, limit],
    );
    return { byFeature, byUser };
  }
}
