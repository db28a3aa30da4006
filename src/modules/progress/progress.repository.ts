import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedQuery } from '../../common/database/prepared-statement';
import { LocalDayRange } from '../../common/time/local-day-range';
import { muscleSpreadSql, SECONDARY_MUSCLE_SHARE } from '../training/muscle-sets.vocabulary';
import { SetType } from '../training/set-type.vocabulary';

/**
 * A span of the user's local days: `firstDay` and `lastDay` inclusive (`YYYY-MM-DD`), read
 * on the wall clock of `timeZone`.
 */
export interface LocalPeriod {
  userId: string;
  timeZone: string;
  firstDay: string;
  lastDay: string;
}

export interface SessionBestRow {
  workoutId: string;
  date: string;
  e1rmKg: number;
  weightKg: number;
  reps: number;
  /** A working set's type (warm-ups are not working sets). */
  setType: SetType;
  /** Completed working sets of the exercise in the session. */
  sets: number;
}

/** The local days bounding the e1RM windows of the strength summary (docs/progress.md). */
export interface StrengthWindows {
  /** First day of the "current" window (the last 4 weeks). */
  recentFrom: string;
  /** The baselines: 4 weeks long, ending 4 and 12 weeks before the end of the period. */
  change4wFrom: string;
  change4wTo: string;
  change12wFrom: string;
  change12wTo: string;
}

export interface ExerciseStrengthRow {
  exerciseId: string;
  name: string;
  sessions: number;
  lastTrained: string;
  recentBestKg: number | null;
  latestSessionBestKg: number;
  baseline4wKg: number | null;
  baseline12wKg: number | null;
}

export interface MuscleVolumeRow {
  muscle: string;
  sets: number;
  volumeKg: number;
}

/**
 * The progress routes' own statements: they answer from the analytics rollups
 * (TrainingRollupsService, docs/analytics.md, brought in step first) and finish here with the
 * exercises' names and muscles (in the same statements). The same figures computed from the workouts' tables, the
 * reference the rollups are tested against, are in test/support/progress-reference.ts.
 */
@Injectable()
export class ProgressRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Per exercise with an e1RM in the range, in one statement: its session bests (from the
   * analytics rollups, read from `readFrom` so the 12-week baseline is covered) reduced to the
   * windows' maxima, with its name, the latest trained first, then by name. An aggregate over
   * another module's table, read after TrainingRollupsService.ensureFresh, over
   * IDX_analytics_session_exercise_rollups_user_day; the exercises by primary key.
   */
  strengthByExercise(
    userId: string,
    range: LocalDayRange,
    readFrom: string,
    windows: StrengthWindows,
  ): Promise<ExerciseStrengthRow[]> {
    return preparedQuery(
      this.db,
      `SELECT x.exercise_id AS "exerciseId", e.name,
              (count(*) FILTER (WHERE x.local_day >= $4::date))::int AS sessions,
              to_char(max(x.local_day), 'YYYY-MM-DD') AS "lastTrained",
              (max(x.best_e1rm_kg) FILTER (WHERE x.local_day >= $5::date))::float8 AS "recentBestKg",
              ((array_agg(x.best_e1rm_kg ORDER BY x.session_at DESC))[1])::float8
                AS "latestSessionBestKg",
              (max(x.best_e1rm_kg) FILTER (WHERE x.local_day BETWEEN $6::date AND $7::date))::float8
                AS "baseline4wKg",
              (max(x.best_e1rm_kg) FILTER (WHERE x.local_day BETWEEN $8::date AND $9::date))::float8
                AS "baseline12wKg"
         FROM analytics_session_exercise_rollups x
         JOIN exercises e ON e.id = x.exercise_id
        WHERE x.user_id = $1 AND x.local_day BETWEEN $2::date AND $3::date
          AND x.best_e1rm_kg IS NOT NULL
        GROUP BY x.exercise_id, e.name
       HAVING max(x.local_day) >= $4::date
        ORDER BY max(x.session_at) DESC, e.name`,
      [
        userId,
        readFrom,
        range.lastDay,
        range.firstDay,
        windows.recentFrom,
        windows.change4wFrom,
        windows.change4wTo,
        windows.change12wFrom,
        windows.change12wTo,
      ],
    );
  }

  /**
   * Sets and volume per muscle over the local days of `range`, in one statement: per exercise
   * from the analytics rollups (an aggregate over another module's table, read after
   * TrainingRollupsService.ensureFresh, over IDX_analytics_session_exercise_rollups_user_day),
   * spread over the muscles as the reference spreads the sets.
   */
  muscleVolume(userId: string, range: LocalDayRange): Promise<MuscleVolumeRow[]> {
    return preparedQuery(
      this.db,
      `WITH per_exercise AS (
         SELECT exercise_id, sum(sets) AS sets, sum(volume_kg) AS volume
           FROM analytics_session_exercise_rollups
          WHERE user_id = $1 AND local_day BETWEEN $2::date AND $3::date
          GROUP BY exercise_id)
       ${muscleSpreadSql('per_exercise', '$4')}`,
      [userId, range.firstDay, range.lastDay, SECONDARY_MUSCLE_SHARE],
    );
  }
}
