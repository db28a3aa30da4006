import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { workingSetSql } from '../training/working-sets.vocabulary';
import { TemplateOptimization } from './entities/template-optimization.entity';
import type { ExerciseSession, ProposedChange } from './template-optimization';

/** Sessions of a template looked at: the last twelve weeks. */
export const HISTORY_WEEKS = 12;

@Injectable()
export class TemplateOptimizationsRepository {
  constructor(
    @InjectRepository(TemplateOptimization)
    private readonly optimizations: Repository<TemplateOptimization>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /**
   * The user's completed sessions of the template in the last HISTORY_WEEKS weeks, one row per
   * (session, exercise), summed over working sets in SQL. Reads the workouts tables as the
   * goals module does (IDX_workouts_user_template_day_completed on user and template, then
   * IDX_workout_sets_workout).
   */
  async history(userId: string, templateId: string): Promise<ExerciseSession[]> {
    const rows: {
      exercise_id: string;
      session_at: Date;
      best_e1rm: string | null;
      sets: number;
      missed: number;
      rpe_drift: string | null;
    }[] = await this.db.query(
      `SELECT s.exercise_id, w.session_at,
              max(s.e1rm_kg) AS best_e1rm,
              count(*)::int AS sets,
              (count(*) FILTER (WHERE s.planned_reps_min IS NOT NULL AND s.reps < s.planned_reps_min))::int AS missed,
              avg(s.rpe - s.planned_rpe) FILTER (WHERE s.rpe IS NOT NULL AND s.planned_rpe IS NOT NULL) AS rpe_drift
         FROM workouts w
         JOIN workout_sets s ON s.workout_id = w.id AND ${workingSetSql('s')}
        WHERE w.user_id = $1 AND w.template_id = $2 AND w.status = 'completed'
          AND w.session_at >= now() - make_interval(weeks => $3)
        GROUP BY s.exercise_id, w.id, w.session_at
        ORDER BY w.session_at, w.id`,
      [userId, templateId, HISTORY_WEEKS],
    );
    return rows.map((r) => ({
      exerciseId: r.exercise_id,
      sessionAt: r.session_at,
      bestE1rmKg: r.best_e1rm === null ? null : Number(r.best_e1rm),
      sets: r.sets,
      missedSets: r.missed,
      rpeDrift: r.rpe_drift === null ? null : Number(r.rpe_drift),
    }));
  }

  insert(row: {
    userId: string;
    templateId: string;
    templateVersion: number;
    sessionsAnalysed: number;
    changes: ProposedChange[];
  }): Promise<TemplateOptimization> {
    return this.optimizations.save(this.optimizations.create(row));
  }

  /** Primary key, then owner and template compared: anyone else's is not found. */
  findOwned(userId: string, templateId: string, id: string): Promise<TemplateOptimization | null> {
    return this.optimizations.findOneBy({ id, userId, templateId });
  }

  /** Marks it applied unless it already was (then false: applied once only). */
  async markApplied(id: string, changeIds: string[], version: number): Promise<boolean> {
    const result = await this.optimizations.update(
      { id, appliedAt: IsNull() },
      { appliedChangeIds: changeIds, appliedAt: new Date(), appliedVersion: version },
    );
    return result.affected === 1;
  }
}
