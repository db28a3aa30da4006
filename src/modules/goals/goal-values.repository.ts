import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GoalMetric } from './goal-metrics';
import { workingSetSql } from '../training/working-sets.vocabulary';

export interface GoalSubject {
  userId: string;
  metric: GoalMetric;
  exerciseId: string | null;
  /**
   * A goal's creation: strength counts only lifts of sessions that ended since (a session
   * logged late for an earlier date is history, already in the baseline's place). Absent
   * when measuring a baseline: all time.
   */
  createdAt?: Date;
}

/**
 * Reads a goal's current value from the workouts and body-metrics tables, in SQL (one
 * aggregate or one row per call, each through an index of the owning table). Stored units:
 * kg, % or sessions per week. docs/goals.md explains each choice.
 */
@Injectable()
export class GoalValuesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Null when there is no data yet (never for sessions per week, which is then 0). */
  async currentValue(goal: GoalSubject): Promise<number | null> {
    const [row] = (await this.query(goal)) as { value: string | null }[];
    return row?.value === null || row?.value === undefined ? null : Number(row.value);
  }

  private query(goal: GoalSubject): Promise<unknown[]> {
    switch (goal.metric) {
      case GoalMetric.E1rm:
        return this.bestSet(goal, 'e1rm_kg');
      case GoalMetric.Weight:
        return this.bestSet(goal, 'weight_kg');
      case GoalMetric.BodyWeight:
        return this.latestReading(goal.userId, 'weight_kg');
      case GoalMetric.BodyFat:
        return this.latestReading(goal.userId, 'body_fat_pct');
      case GoalMetric.SessionsPerWeek:
        return this.sessionsPerWeek(goal.userId);
    }
  }

  /**
   * Best of the user's completed working sets on the exercise, in completed workouts
   * (IDX_workout_sets_user_exercise_completed): all time, or of the sessions that ended since
   * the goal's creation (by their real end, `completed_at`). A best never goes down, so
   * neither does a strength goal's progress (the service keeps the baseline as a floor).
   */
  private bestSet(goal: GoalSubject, column: 'e1rm_kg' | 'weight_kg'): Promise<unknown[]> {
    return this.db.query(
      `SELECT max(s.${column}) AS value
         FROM workout_sets s
         JOIN workouts w ON w.id = s.workout_id AND w.status = 'completed'
        WHERE s.user_id = $1 AND s.exercise_id = $2
          AND ${workingSetSql('s')} AND s.reps > 0
          AND ($3::timestamptz IS NULL OR w.completed_at >= $3::timestamptz)`,
      [goal.userId, goal.exerciseId, goal.createdAt ?? null],
    );
  }

  /** The newest reading that has the measurement (UQ_body_metrics_user_measured, backwards). */
  private latestReading(userId: string, column: 'weight_kg' | 'body_fat_pct'): Promise<unknown[]> {
    return this.db.query(
      `SELECT ${column} AS value FROM body_metrics
        WHERE user_id = $1 AND ${column} IS NOT NULL
        ORDER BY measured_at DESC LIMIT 1`,
      [userId],
    );
  }

  /**
   * Completed workouts held in the last 28 days, per week (IDX_workouts_user_status_session),
   * by their real date (`session_at`, the start: a session logged late counts where it was
   * held). A rolling average rather than the current calendar week: it does not fall to 0
   * every Monday, and needs no time zone.
   */
  private sessionsPerWeek(userId: string): Promise<unknown[]> {
    return this.db.query(
      `SELECT count(*) / 4.0 AS value FROM workouts
        WHERE user_id = $1 AND status = 'completed' AND session_at >= now() - interval '28 days'`,
      [userId],
    );
  }
}
