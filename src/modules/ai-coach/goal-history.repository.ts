import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { workingSetSql } from '../training/working-sets.vocabulary';
import type { Point } from './goal-forecast';

/**
 * The user's own trends for goal optimisation, read in SQL from the workouts and body-metrics
 * tables as the goals module reads them (docs/goals.md), one aggregate per call.
 */
@Injectable()
export class GoalHistoryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Best e1RM per ISO week on the exercise over the last 26 weeks, completed workouts only
   * (IDX_workout_sets_user_exercise_completed).
   */
  async weeklyBestE1rm(userId: string, exerciseId: string): Promise<Point[]> {
    const rows: { week: Date; best: string }[] = await this.db.query(
      `SELECT date_trunc('week', s.completed_at) AS week, max(s.e1rm_kg) AS best
         FROM workout_sets s
         JOIN workouts w ON w.id = s.workout_id AND w.status = 'completed'
        WHERE s.user_id = $1 AND s.exercise_id = $2 AND ${workingSetSql('s')}
          AND s.e1rm_kg IS NOT NULL AND s.completed_at >= now() - interval '26 weeks'
        GROUP BY 1 ORDER BY 1`,
      [userId, exerciseId],
    );
    return rows.map((r) => ({ at: new Date(r.week), kg: Number(r.best) }));
  }

  /** Body-weight readings of the last 12 weeks, oldest first (UQ_body_metrics_user_measured). */
  async bodyWeights(userId: string): Promise<Point[]> {
    const rows: { measured_at: Date; weight_kg: string }[] = await this.db.query(
      `SELECT measured_at, weight_kg FROM body_metrics
        WHERE user_id = $1 AND weight_kg IS NOT NULL AND measured_at >= now() - interval '12 weeks'
        ORDER BY measured_at`,
      [userId],
    );
    return rows.map((r) => ({ at: new Date(r.measured_at), kg: Number(r.weight_kg) }));
  }
}
