import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LocalDayRange } from '../../common/time/local-day-range';
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

export interface MuscleVolumeRow {
  muscle: string;
  sets: number;
  volumeKg: number;
}

/** Secondary muscles count for half a set and half the volume (docs/progress.md). */
export const SECONDARY_MUSCLE_SHARE = 0.5;

/**
 * SQL: the sets and volume of `perExercise` (a relation of `exercise_id, sets, volume`)
 * spread over each exercise's primary muscles (in full) and secondary muscles (the share in
 * parameter `share`), per muscle, largest volume first. The exercises by primary key.
 */
export function muscleSpreadSql(perExercise: string, share: string): string {
  return `SELECT m.muscle::text AS muscle, sum(x.sets * m.share)::float8 AS sets,
              sum(x.volume * m.share)::float8 AS "volumeKg"
         FROM ${perExercise} x
         JOIN exercises e ON e.id = x.exercise_id
        CROSS JOIN LATERAL (
                SELECT unnest(e.primary_muscles) AS muscle, 1::numeric AS share
                UNION ALL
                SELECT unnest(e.secondary_muscles), ${share}::numeric) m
        GROUP BY m.muscle
        ORDER BY "volumeKg" DESC, muscle`;
}

/**
 * The progress routes' own statements: they answer from the analytics rollups
 * (TrainingRollupsService, docs/analytics.md, brought in step first) and finish here with the
 * exercises' names and muscles. The same figures computed from the workouts' tables, the
 * reference the rollups are tested against, are in test/support/progress-reference.ts.
 */
@Injectable()
export class ProgressRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The exercises of `ids` with their names, ordered as the strength summary lists them: the
   * latest trained first (`lastSessionAt`, the start of each one's latest session), then by
   * name. Reads the exercises by primary key.
   */
  namesInOrder(ids: string[], lastSessionAt: string[]): Promise<{ id: string; name: string }[]> {
    return this.db.query(
      `SELECT e.id, e.name
         FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, last)
         JOIN exercises e ON e.id = x.id
        ORDER BY x.last DESC, e.name`,
      [ids, lastSessionAt],
    );
  }

  /**
   * Sets and volume per muscle over the local days of `range`, in one statement: per exercise
   * from the analytics rollups (an aggregate over another module's table, read after
   * TrainingRollupsService.ensureFresh, over IDX_analytics_session_exercise_rollups_user_day),
   * spread over the muscles as the reference spreads the sets.
   */
  muscleVolume(userId: string, range: LocalDayRange): Promise<MuscleVolumeRow[]> {
    return this.db.query(
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
