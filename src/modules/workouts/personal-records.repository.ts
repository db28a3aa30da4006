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
 * Records of one workout against the rest of the user's history, in one INSERT … SELECT:
 *
 * - `session`: this workout's completed working sets; body weight counts as 0 kg.
 * - `best`, `reps_at`: the best of the user's other completed workouts per exercise (and per
 *   weight, for reps). Completions of one user are serialized (lockHistory), so "other
 *   completed workouts" are exactly those completed before this one.
 * - `candidate`: this workout's best set per exercise and kind (per weight for reps); ties go
 *   to the earlier set.
 * A candidate is a record when it beats the previous best, or when there is none yet, except
 * most_reps_at_weight, which needs an earlier set at that exact weight (a first time at a new
 * weight is not a rep record). ON CONFLICT DO NOTHING against
 * UQ_personal_records_workout_exercise_kind_weight makes a replay insert nothing.
 */
const DETECT = `
WITH session AS (
  SELECT id, exercise_id, coalesce(weight_kg, 0) AS weight_kg, reps, e1rm_kg, position
    FROM workout_sets
   WHERE workout_id = $1 AND ${workingSetSql()} AND reps > 0
),
history AS (
  SELECT s.exercise_id, coalesce(s.weight_kg, 0) AS weight_kg, s.reps, s.e1rm_kg
    FROM ${HISTORY_FROM}
   WHERE s.user_id = $2 AND s.exercise_id = ANY(ARRAY(SELECT exercise_id FROM session))
     AND s.workout_id <> $1 AND ${COUNTS}
),
best AS (
  SELECT exercise_id,
         max(weight_kg) FILTER (WHERE weight_kg > 0) AS max_weight,
         max(e1rm_kg) AS best_e1rm,
         max(weight_kg * reps) FILTER (WHERE weight_kg > 0) AS best_set_volume
    FROM history GROUP BY exercise_id
),
reps_at AS (
  SELECT exercise_id, weight_kg, max(reps) AS most_reps
    FROM history
   WHERE (exercise_id, weight_kg) IN (SELECT exercise_id, weight_kg FROM session)
   GROUP BY exercise_id, weight_kg
),
candidate AS (
  (SELECT DISTINCT ON (exercise_id) 'max_weight'::personal_record_kind AS kind,
          exercise_id, id, weight_kg AS value, weight_kg, reps
     FROM session WHERE weight_kg > 0 ORDER BY exercise_id, weight_kg DESC, position)
  UNION ALL
  (SELECT DISTINCT ON (exercise_id) 'best_e1rm', exercise_id, id, e1rm_kg, weight_kg, reps
     FROM session WHERE e1rm_kg IS NOT NULL ORDER BY exercise_id, e1rm_kg DESC, position)
  UNION ALL
  (SELECT DISTINCT ON (exercise_id) 'best_set_volume', exercise_id, id, weight_kg * reps, weight_kg, reps
     FROM session WHERE weight_kg > 0 ORDER BY exercise_id, weight_kg * reps DESC, position)
  UNION ALL
  (SELECT DISTINCT ON (exercise_id, weight_kg) 'most_reps_at_weight', exercise_id, id, reps, weight_kg, reps
     FROM session ORDER BY exercise_id, weight_kg, reps DESC, position)
)
INSERT INTO personal_records
  (user_id, exercise_id, workout_id, set_id, kind, value, weight_kg, reps, previous_value, achieved_at)
SELECT $2, c.exercise_id, $1, c.id, c.kind, c.value, c.weight_kg, c.reps, previous.value,
       (SELECT completed_at FROM workouts WHERE id = $1)
  FROM candidate c
  LEFT JOIN best b ON b.exercise_id = c.exercise_id
  LEFT JOIN reps_at r ON r.exercise_id = c.exercise_id AND r.weight_kg = c.weight_kg
 CROSS JOIN LATERAL (
   SELECT CASE c.kind WHEN 'max_weight' THEN b.max_weight
                      WHEN 'best_e1rm' THEN b.best_e1rm
                      WHEN 'best_set_volume' THEN b.best_set_volume
                      ELSE r.most_reps END AS value
 ) AS previous
 WHERE c.value > previous.value
    OR (previous.value IS NULL AND c.kind <> 'most_reps_at_weight')
ON CONFLICT DO NOTHING
RETURNING id`;

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

  /** Detects and stores the records of a just-completed workout (see DETECT); their ids. */
  async detect(userId: string, workoutId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.manager.query(DETECT, [workoutId, userId]);
    return rows.map((row) => row.id);
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
}
