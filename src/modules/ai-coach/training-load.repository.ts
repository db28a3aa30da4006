import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { workingSetSql } from '../training/working-sets.vocabulary';
import { CHRONIC_DAYS, SessionLoadInput } from './training-load';

/**
 * The sessions behind the training load (training-load.ts), read in SQL from the workouts
 * tables as the goals module reads them: completed sessions of the CHRONIC_DAYS days up to
 * `asOf` (IDX_workouts_user_status_session), each with its duration and the mean RPE of its
 * working sets (IDX_workout_sets_workout).
 */
@Injectable()
export class TrainingLoadRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async sessions(
    userId: string,
    asOf: Date,
  ): Promise<{ sessions: SessionLoadInput[]; firstSessionAt: Date | null }> {
    const [rows, first]: [
      { session_at: Date; minutes: string; rpe: string | null }[],
      { first: Date | null }[],
    ] = await Promise.all([
      this.db.query(
        `SELECT w.session_at,
                coalesce(w.duration_seconds, extract(epoch FROM w.completed_at - w.session_at)) / 60.0 AS minutes,
                (SELECT avg(s.rpe) FROM workout_sets s
                  WHERE s.workout_id = w.id AND ${workingSetSql('s')} AND s.rpe IS NOT NULL) AS rpe
           FROM workouts w
          WHERE w.user_id = $1 AND w.status = 'completed'
            AND w.session_at > $2::timestamptz - make_interval(days => $3) AND w.session_at <= $2
          ORDER BY w.session_at`,
        [userId, asOf, CHRONIC_DAYS],
      ),
      this.db.query(
        `SELECT min(session_at) AS first FROM workouts
          WHERE user_id = $1 AND status = 'completed' AND session_at <= $2`,
        [userId, asOf],
      ),
    ]);
    return {
      sessions: rows.map((r) => ({
        at: new Date(r.session_at),
        durationMinutes: Number(r.minutes),
        sessionRpe: r.rpe === null ? null : Number(r.rpe),
      })),
      firstSessionAt: first[0]?.first ? new Date(first[0].first) : null,
    };
  }
}
