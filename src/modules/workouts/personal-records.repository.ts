import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { workingSetSql } from '../training/working-sets.vocabulary';

/**
 * The sets that count as history: completed working sets (no warm-ups) of completed
 * workouts. Queries add `s.user_id = … AND s.exercise_id = ANY(…)`: an index range scan on
 * IDX_workout_sets_user_exercise_completed, joined to the user's workouts. `w.user_id =
 * s.user_id` lets the planner fetch only those through a user_id index instead of hashing
 * every workout (docs/workouts.md shows both plans).
 */
const HISTORY_FROM =
  'workout_sets s JOIN workouts w ON w.id = s.workout_id AND w.user_id = s.user_id';
const COUNTS = `w.status = 'completed' AND ${workingSetSql('s')} AND s.reps > 0`;

/**
 * The personal records of one user's exercises, as a chronological replay of their history
 * would set them, written for the sessions completed at or after `$3` in one statement:
 *
 * - `counted`: every counted set of these exercises (completed working sets of completed
 *   workouts, 1+ reps; body weight as 0 kg), with its session's real end, `at`.
 * - `candidate`: each session's best set per exercise and kind (per weight for reps); ties go
 *   to the earlier set.
 * - `ranked`: the best of the *earlier* sessions, ordered by (at, workout id): a running
 *   maximum over the candidates before this one (per weight for reps).
 * - `desired`: the candidates of the sessions from `$3` on that beat it, or are a first of
 *   their kind (except most_reps_at_weight, which needs an earlier set at that exact weight).
 *
 * Then the stored rows of those sessions are made equal to `desired`: rows no longer records
 * are deleted (a session logged late, with a heavier earlier set, dethrones them), the others
 * take their new previous value and date, and new ones are inserted (RETURNING their ids).
 * A replay finds everything in place and changes nothing (the unique index
 * UQ_personal_records_workout_exercise_kind_weight keys a candidate).
 */
const RECONCILE = `
WITH counted AS (
  SELECT s.id, s.workout_id, s.exercise_id, coalesce(s.weight_kg, 0) AS weight_kg, s.reps,
         s.e1rm_kg, s.position, w.completed_at AS at
    FROM ${HISTORY_FROM}
   WHERE s.user_id = $1 AND s.exercise_id = ANY($2::uuid[]) AND ${COUNTS}
),
candidate AS (
  (SELECT DISTINCT ON (workout_id, exercise_id) 'max_weight'::personal_record_kind AS kind,
          workout_id, at, exercise_id, id, weight_kg AS value, weight_kg, reps
     FROM counted WHERE weight_kg > 0 ORDER BY workout_id, exercise_id, weight_kg DESC, position)
  UNION ALL
  (SELECT DISTINCT ON (workout_id, exercise_id) 'best_e1rm', workout_id, at, exercise_id, id,
          e1rm_kg, weight_kg, reps
     FROM counted WHERE e1rm_kg IS NOT NULL ORDER BY workout_id, exercise_id, e1rm_kg DESC, position)
  UNION ALL
  (SELECT DISTINCT ON (workout_id, exercise_id) 'best_set_volume', workout_id, at, exercise_id, id,
          weight_kg * reps, weight_kg, reps
     FROM counted WHERE weight_kg > 0 ORDER BY workout_id, exercise_id, weight_kg * reps DESC, position)
  UNION ALL
  (SELECT DISTINCT ON (workout_id, exercise_id, weight_kg) 'most_reps_at_weight', workout_id, at,
          exercise_id, id, reps, weight_kg, reps
     FROM counted ORDER BY workout_id, exercise_id, weight_kg, reps DESC, position)
),
ranked AS (
  SELECT c.*, max(c.value) OVER (
           PARTITION BY c.exercise_id, c.kind,
                        CASE WHEN c.kind = 'most_reps_at_weight' THEN c.weight_kg END
           ORDER BY c.at, c.workout_id
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous
    FROM candidate c
),
desired AS (
  SELECT * FROM ranked
   WHERE at >= $3
     AND (value > previous OR (previous IS NULL AND kind <> 'most_reps_at_weight'))
),
removed AS (
  DELETE FROM personal_records pr
   WHERE pr.user_id = $1 AND pr.exercise_id = ANY($2::uuid[]) AND pr.achieved_at >= $3
     AND NOT EXISTS (SELECT 1 FROM desired d
                      WHERE d.workout_id = pr.workout_id AND d.exercise_id = pr.exercise_id
                        AND d.kind = pr.kind AND d.weight_kg = pr.weight_kg)
  RETURNING pr.id
),
restated AS (
  UPDATE personal_records pr
     SET previous_value = d.previous, achieved_at = d.at
    FROM desired d
   WHERE d.workout_id = pr.workout_id AND d.exercise_id = pr.exercise_id
     AND d.kind = pr.kind AND d.weight_kg = pr.weight_kg
     AND (pr.previous_value IS DISTINCT FROM d.previous OR pr.achieved_at <> d.at)
  RETURNING pr.id
)
INSERT INTO personal_records
  (user_id, exercise_id, workout_id, set_id, kind, value, weight_kg, reps, previous_value, achieved_at)
SELECT $1, d.exercise_id, d.workout_id, d.id, d.kind, d.value, d.weight_kg, d.reps, d.previous, d.at
  FROM desired d
ON CONFLICT DO NOTHING
RETURNING id, workout_id AS "workoutId"`;

/** A record a reconcile stored: its id and the session it belongs to. */
export interface StoredRecord {
  id: string;
  workoutId: string;
}

/** Personal-record detection and the other queries over a user's training history. */
@Injectable()
export class PersonalRecordsRepository {
  constructor(@InjectEntityManager() private readonly manager: EntityManager) {}

  /** This repository working through a transaction's manager (WorkoutsRepository.inTransaction). */
  withManager(manager: EntityManager): PersonalRecordsRepository {
    return new PersonalRecordsRepository(manager);
  }

  /**
   * Serializes record detection for one user until the transaction ends (a transaction-level
   * advisory lock), so two workouts completed at once cannot both claim the same record.
   */
  async lockHistory(userId: string): Promise<void> {
    await this.manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `personal-records:${userId}`,
    ]);
  }

  /**
   * Brings the user's records of `exerciseIds` up to date for every session completed at or
   * after `from` (see RECONCILE): after a completion (`from` = its end, usually only that
   * session), a session logged for an earlier date, a session moved in time (`from` = the
   * earlier of its old and new end) or deleted. Call it under lockHistory. Answers the
   * records it inserted.
   */
  async reconcile(userId: string, exerciseIds: string[], from: Date): Promise<StoredRecord[]> {
    if (exerciseIds.length === 0) return [];
    return this.manager.query(RECONCILE, [userId, exerciseIds, from]);
  }

  /** The best stored e1RM of each exercise over the user's history, in kg. */
  async bestE1rms(userId: string, exerciseIds: string[]): Promise<Map<string, number>> {
    if (exerciseIds.length === 0) return new Map();
    const rows = (await this.manager.query(
      `SELECT s.exercise_id AS "exerciseId", max(s.e1rm_kg)::float8 AS "e1rmKg"
         FROM ${HISTORY_FROM}
        WHERE s.user_id = $1 AND s.exercise_id = ANY($2::uuid[]) AND ${COUNTS}
          AND s.e1rm_kg IS NOT NULL
        GROUP BY s.exercise_id`,
      [userId, exerciseIds],
    )) as { exerciseId: string; e1rmKg: number }[];
    return new Map(rows.map((row) => [row.exerciseId, row.e1rmKg]));
  }

  /**
   * The records achieved in [from, to), oldest first, with their exercise's name (reports).
   * Uses IDX_personal_records_user_exercise_kind's leading user_id.
   */
  inRange(userId: string, from: Date, to: Date, limit: number): Promise<RecordInRange[]> {
    return this.manager.query(
      `SELECT pr.kind, pr.value::float8 AS value, pr.weight_kg::float8 AS "weightKg", pr.reps,
              pr.achieved_at AS "achievedAt", e.name AS "exerciseName"
         FROM personal_records pr JOIN exercises e ON e.id = pr.exercise_id
        WHERE pr.user_id = $1 AND pr.achieved_at >= $2 AND pr.achieved_at < $3
        ORDER BY pr.achieved_at, e.name, pr.kind
        LIMIT $4`,
      [userId, from, to, limit],
    );
  }
}

/** A record of a period, as reports list it: kg for the weight kinds, reps for most_reps_at_weight. */
export interface RecordInRange {
  kind: string;
  value: number;
  weightKg: number;
  reps: number;
  achievedAt: Date;
  exerciseName: string;
}
