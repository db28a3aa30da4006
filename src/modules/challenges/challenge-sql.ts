import { blockedEitherWaySql, friendsSql } from '../social/social-sql.vocabulary';
import { workingSetSql } from '../training/working-sets.vocabulary';

/**
 * SQL: challenge `c` may be seen (and joined, while open) by user `viewer` (an expression):
 * its creator and its participants always; else, outside a block with the creator, anyone when
 * public, the creator's friends when friends-only, the invited when invite-only (an invitation
 * opens a friends-only challenge too; a declined one opens nothing). Everything else is a 404 (docs/challenges.md).
 */
export function challengeVisibleToSql(c: string, viewer: string): string {
  return `(${c}.creator_id = ${viewer}
    OR EXISTS (SELECT 1 FROM challenge_participants vp
                WHERE vp.challenge_id = ${c}.id AND vp.user_id = ${viewer})
    OR (NOT ${blockedEitherWaySql(`${c}.creator_id`, viewer)} AND (
         ${c}.visibility = 'public'
      OR (${c}.visibility = 'friends' AND ${friendsSql(`${c}.creator_id`, viewer)})
      OR EXISTS (SELECT 1 FROM challenge_invitations vi
                  WHERE vi.challenge_id = ${c}.id AND vi.user_id = ${viewer}
                    AND vi.declined_at IS NULL))))`;
}

/** A completed workout `w` of user `userId` held inside challenge `c`'s window (by its start). */
function heldInWindowSql(w: string, c: string, userId: string): string {
  return `${w}.user_id = ${userId} AND ${w}.status = 'completed'
      AND ${w}.session_at >= ${c}.starts_at AND ${w}.session_at < ${c}.ends_at`;
}

/** Workout `w` has working sets of challenge `c`'s exercise. */
function hasExerciseSql(w: string, c: string): string {
  return `EXISTS (SELECT 1 FROM workout_sets es
                   WHERE es.workout_id = ${w}.id AND es.exercise_id = ${c}.exercise_id
                     AND ${workingSetSql('es')})`;
}

/**
 * SQL of a LATERAL subquery answering `progress` and `reached_at` of participant `userId` in
 * challenge `c`, from the completed workouts held in the window (IDX_workouts_user_status_session;
 * the reps through IDX_workout_sets_workout). By kind: workouts; Σ volume (kg); reps of the working
 * sets of the exercise; weeks (Monday on, in the challenge's zone) with at least
 * `sessions_per_week` workouts. `reached_at`: the end of the last workout that counted.
 */
export function progressSql(c: string, userId: string): string {
  return `(SELECT CASE ${c}.kind
             WHEN 'workout_count' THEN count(*)::numeric
             WHEN 'volume' THEN coalesce(sum(w.total_volume_kg), 0)
             WHEN 'exercise_reps' THEN
               (SELECT coalesce(sum(s.reps), 0)::numeric FROM workouts rw
                  JOIN workout_sets s ON s.workout_id = rw.id
                 WHERE ${heldInWindowSql('rw', c, userId)}
                   AND s.exercise_id = ${c}.exercise_id AND ${workingSetSql('s')})
             ELSE
               (SELECT count(*)::numeric FROM (
                  SELECT 1 FROM workouts cw
                   WHERE ${heldInWindowSql('cw', c, userId)}
                   GROUP BY date_trunc('week', cw.session_at AT TIME ZONE ${c}.time_zone)
                  HAVING count(*) >= ${c}.sessions_per_week) weeks)
           END AS progress,
           max(w.completed_at) FILTER (
             WHERE ${c}.kind <> 'exercise_reps' OR ${hasExerciseSql('w', c)}) AS reached_at
      FROM workouts w
     WHERE ${heldInWindowSql('w', c, userId)})`;
}
