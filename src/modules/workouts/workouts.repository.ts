import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { KeysetPosition } from '../../common/pagination/cursor';
import { newestFirstPage } from '../../common/pagination/keyset';
import { PersonalRecord } from './entities/personal-record.entity';
import { WorkoutExercise } from './entities/workout-exercise.entity';
import { WorkoutSet } from './entities/workout-set.entity';
import { Workout } from './entities/workout.entity';
import { TRANSITIONS, WorkoutAction, WorkoutStatus } from './workout-state';
import { SetType } from '../training/set-type.vocabulary';
import { workingSetSql } from '../training/working-sets.vocabulary';

export type NewWorkout = Pick<
  Workout,
  'userId' | 'name' | 'notes' | 'scheduledFor' | 'templateId' | 'templateDayIndex'
> &
  Partial<Pick<Workout, 'sessionAt' | 'status' | 'startedAt'>>;

export type WorkoutChanges = Partial<
  Pick<Workout, 'name' | 'notes' | 'scheduledFor' | 'sessionAt'>
>;

export type NewWorkoutExercise = Pick<
  WorkoutExercise,
  'id' | 'workoutId' | 'exerciseId' | 'position' | 'notes' | 'progression'
> &
  Partial<Pick<WorkoutExercise, 'progressionStep'>>;

export type SetValues = Pick<
  WorkoutSet,
  'setType' | 'weightKg' | 'reps' | 'rpe' | 'rir' | 'restSeconds' | 'completed' | 'e1rmKg'
>;

export type NewWorkoutSet = SetValues &
  Pick<WorkoutSet, 'workoutExerciseId' | 'userId' | 'workoutId' | 'exerciseId' | 'position'> &
  Partial<
    Pick<
      WorkoutSet,
      | 'plannedRepsMin'
      | 'plannedRepsMax'
      | 'plannedWeightKg'
      | 'plannedPercentE1rm'
      | 'plannedRpe'
      | 'plannedRir'
    >
  >;

export interface WorkoutFilter {
  from?: Date;
  to?: Date;
  status?: WorkoutStatus;
  /** Return workouts strictly before this keyset position (newest first). */
  before?: KeysetPosition;
  limit: number;
}

/** The instant an action happens at: the database clock, or `:at` (a session logged late). */
const NOW = 'now()';
const AT = 'CAST(:at AS timestamptz)';

/** Seconds paused until `end`, a pause still open included (whole seconds, as stored). */
const pausedUntil = (end: string) =>
  `paused_seconds + coalesce(greatest(0, round(extract(epoch FROM ${end} - paused_at)))::int, 0)`;

/** Closing a session (complete, abandon) at `end` ends an open pause and fixes the duration. */
const endSession = (end: string) => ({
  pausedSeconds: pausedUntil(end),
  pausedAt: 'NULL',
  durationSeconds: `CASE WHEN started_at IS NULL THEN NULL
    ELSE greatest(0, round(extract(epoch FROM ${end} - started_at))::int - (${pausedUntil(end)})) END`,
});

/** What each action writes besides the status (SQL over the row's current values), at `end`. */
const effects = (action: WorkoutAction, end: string): Partial<Record<keyof Workout, string>> => {
  switch (action) {
    case WorkoutAction.Start:
      return { startedAt: end, sessionAt: end };
    case WorkoutAction.Pause:
      return { pausedAt: end };
    case WorkoutAction.Resume:
      return { pausedSeconds: pausedUntil(end), pausedAt: 'NULL' };
    case WorkoutAction.Complete:
      return { ...endSession(end), completedAt: end };
    case WorkoutAction.Abandon:
      return { ...endSession(end), abandonedAt: end };
  }
};

/**
 * The queries of a workout and its content (exercises, sets): one aggregate, one repository.
 * Each instance works through one EntityManager, the injected one or a transaction's
 * (inTransaction), so the service composes these methods into one transaction.
 */
@Injectable()
export class WorkoutsRepository {
  constructor(@InjectEntityManager() readonly manager: EntityManager) {}

  /** Runs `work` in one transaction, with a repository bound to it. */
  inTransaction<T>(work: (tx: WorkoutsRepository) => Promise<T>): Promise<T> {
    return this.manager.transaction((manager) => work(new WorkoutsRepository(manager)));
  }

  async insertWorkout(workout: NewWorkout): Promise<string> {
    const result = await this.manager.insert(Workout, workout);
    return (result.identifiers[0] as { id: string }).id;
  }

  /** By primary key, scoped to the owner: another user's workout is simply not found. */
  findOwned(userId: string, id: string): Promise<Workout | null> {
    return this.manager.findOneBy(Workout, { id, userId });
  }

  /**
   * findOwned, locking the row FOR NO KEY UPDATE until the transaction ends: every change to
   * one workout's content is serialized on it (positions, version), while foreign-key checks
   * of other tables go on.
   */
  lockOwned(userId: string, id: string): Promise<Workout | null> {
    return this.manager
      .createQueryBuilder(Workout, 'workout')
      .where('workout.id = :id AND workout.userId = :userId', { id, userId })
      .setLock('for_no_key_update')
      .getOne();
  }

  /**
   * The workout with its exercises and sets, in order. One query over primary and unique keys.
   */
  findDetail(userId: string, id: string): Promise<Workout | null> {
    return this.manager.findOne(Workout, {
      where: { id, userId },
      relations: { exercises: { sets: true } },
      order: { exercises: { position: 'ASC', sets: { position: 'ASC' } } },
    });
  }

  /**
   * The user's last completed session of a template day, by its real date (a session logged
   * late for an earlier date is not the last), with its exercises and sets: what the next
   * session's progression starts from. IDX_workouts_user_template_day_completed, then the
   * detail by primary and unique keys.
   */
  async lastCompletedOfTemplateDay(
    userId: string,
    templateId: string,
    dayIndex: number,
  ): Promise<Workout | null> {
    const last = await this.manager
      .createQueryBuilder(Workout, 'workout')
      .select(['workout.id'])
      .where('workout.userId = :userId AND workout.templateId = :templateId', {
        userId,
        templateId,
      })
      .andWhere('workout.templateDayIndex = :dayIndex AND workout.status = :status', {
        dayIndex,
        status: WorkoutStatus.Completed,
      })
      .orderBy('workout.sessionAt', 'DESC')
      .addOrderBy('workout.id', 'DESC')
      .limit(1)
      .getOne();
    return last ? this.findDetail(userId, last.id) : null;
  }

  /**
   * Newest first, keyset-paginated on (session_at, id): an index range scan on
   * IDX_workouts_user_session, or IDX_workouts_user_status_session with a status filter.
   */
  findPage(userId: string, filter: WorkoutFilter): Promise<Workout[]> {
    const query = this.manager
      .createQueryBuilder(Workout, 'workout')
      .where('workout.userId = :userId', { userId });
    if (filter.from) query.andWhere('workout.sessionAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('workout.sessionAt < :to', { to: filter.to });
    if (filter.status) query.andWhere('workout.status = :status', { status: filter.status });
    return newestFirstPage(query, 'sessionAt', filter.before, filter.limit).getMany();
  }

  async updateWorkout(id: string, changes: WorkoutChanges): Promise<void> {
    await this.manager.update(Workout, { id }, changes);
  }

  /** Every write of a workout or its content ends here: the version clients compare. */
  async bumpVersion(id: string): Promise<number> {
    const result = await this.manager
      .createQueryBuilder()
      .update(Workout)
      .set({ version: () => 'version + 1' })
      .where('id = :id', { id })
      .returning('version')
      .execute();
    return (result.raw as { version: number }[])[0].version;
  }

  /** True if deleted. Exercises, sets and personal records go with it (cascades). */
  async deleteOwned(userId: string, id: string): Promise<boolean> {
    const result = await this.manager.delete(Workout, { id, userId });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Applies `action` as one conditional UPDATE (WHERE status IN the allowed sources), so of
   * two concurrent requests only one can succeed. False when the workout is not the caller's
   * or its status does not allow the action. `at`: when it happened, for a session completed
   * after the fact (validated by the service); default the database clock.
   */
  async applyTransition(
    userId: string,
    id: string,
    action: WorkoutAction,
    at?: Date,
  ): Promise<boolean> {
    const { from, to } = TRANSITIONS[action];
    const writes = Object.fromEntries(
      Object.entries(effects(action, at ? AT : NOW)).map(([property, sql]) => [
        property,
        () => sql,
      ]),
    );
    const result = await this.manager
      .createQueryBuilder()
      .update(Workout)
      .set({ ...writes, status: to, version: () => 'version + 1' })
      .where('id = :id AND user_id = :userId AND status IN (:...from)', { id, userId, from })
      .setParameters(at ? { at } : {})
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * A completed session's sets happened within it: completion instants outside [start, end]
   * (sets logged after a session held earlier, or ticked before it started) are moved to the
   * nearer bound, so e1RM series and records date them by the session (IDX_workout_sets_workout).
   */
  async keepSetsWithinSession(id: string): Promise<void> {
    await this.manager.query(
      `UPDATE workout_sets s
          SET completed_at = least(greatest(s.completed_at, w.started_at), w.completed_at)
         FROM workouts w
        WHERE w.id = $1 AND s.workout_id = w.id AND s.completed
          AND (s.completed_at < w.started_at OR s.completed_at > w.completed_at)`,
      [id],
    );
  }

  /**
   * Moves a completed session to new start and end instants (validated by the service): its
   * place in the history, its duration (paused time still excluded), and its sets' completion
   * instants, shifted with the start and kept within the session.
   */
  async redateCompleted(id: string, startedAt: Date, completedAt: Date): Promise<void> {
    await this.manager.query(
      `WITH moved AS (
         SELECT id, $2::timestamptz - started_at AS shift FROM workouts WHERE id = $1
       )
       UPDATE workout_sets s
          SET completed_at = least(greatest(s.completed_at + moved.shift, $2::timestamptz), $3::timestamptz)
         FROM moved
        WHERE s.workout_id = moved.id AND s.completed`,
      [id, startedAt, completedAt],
    );
    await this.manager.query(
      `UPDATE workouts
          SET started_at = $2, completed_at = $3, session_at = $2,
              duration_seconds = greatest(0, round(extract(epoch FROM $3::timestamptz - $2::timestamptz))::int - paused_seconds)
        WHERE id = $1`,
      [id, startedAt, completedAt],
    );
  }

  /** A running session's corrected start (its place in the history follows). */
  async restart(id: string, startedAt: Date): Promise<void> {
    await this.manager.update(Workout, { id }, { startedAt, sessionAt: startedAt });
  }

  /** The exercises with sets in a workout: whose records its completion or a change touches. */
  async exerciseIdsOf(workoutId: string): Promise<string[]> {
    const rows: { exerciseId: string }[] = await this.manager.query(
      'SELECT exercise_id AS "exerciseId" FROM workout_exercises WHERE workout_id = $1',
      [workoutId],
    );
    return rows.map((row) => row.exerciseId);
  }

  /**
   * The user's completed history changed (a completion, a redate or deletion of a completed
   * workout, an import): bumps its version (WorkoutHistoryVersion), in the change's
   * transaction, beside the event that announces it.
   */
  async markHistoryChanged(userId: string): Promise<void> {
    await this.manager.query(
      `INSERT INTO workout_history_versions (user_id, version) VALUES ($1, 1)
       ON CONFLICT (user_id) DO UPDATE SET version = workout_history_versions.version + 1`,
      [userId],
    );
  }

  /**
   * Totals of the completed working sets (warm-ups excluded) of these workouts, in one
   * statement however many (an import's batch), over IDX_workout_sets_workout. A workout
   * without working sets gets zeros.
   */
  async recordTotals(workoutIds: string[]): Promise<void> {
    if (workoutIds.length === 0) return;
    await this.manager.query(
      `UPDATE workouts
          SET total_volume_kg = totals.volume, total_sets = totals.sets, total_reps = totals.reps
         FROM (SELECT ids.id,
                      coalesce(sum(coalesce(s.weight_kg, 0) * coalesce(s.reps, 0)), 0) AS volume,
                      count(s.id)::int AS sets,
                      coalesce(sum(s.reps), 0)::int AS reps
                 FROM (SELECT DISTINCT id FROM unnest($1::uuid[]) AS u(id)) AS ids
                 LEFT JOIN workout_sets s ON s.workout_id = ids.id AND ${workingSetSql('s')}
                GROUP BY ids.id) AS totals
        WHERE workouts.id = totals.id`,
      [workoutIds],
    );
  }

  /** The sets of these workouts, with what their e1RM depends on (weights in kg). */
  async setsOf(workoutIds: string[]): Promise<
    {
      id: string;
      setType: SetType;
      weightKg: number | null;
      reps: number | null;
      completed: boolean;
    }[]
  > {
    return this.manager.query(
      `SELECT id, set_type AS "setType", weight_kg::float8 AS "weightKg", reps, completed
         FROM workout_sets WHERE workout_id = ANY($1::uuid[])`,
      [workoutIds],
    );
  }

  /** Writes each set's e1RM (parallel arrays: one statement whatever the count). */
  async storeE1rms(setIds: string[], e1rms: (string | null)[]): Promise<void> {
    if (setIds.length === 0) return;
    await this.manager.query(
      `UPDATE workout_sets s SET e1rm_kg = v.e1rm
         FROM unnest($1::uuid[], $2::numeric[]) AS v(id, e1rm) WHERE s.id = v.id`,
      [setIds, e1rms],
    );
  }

  /** The span of these completed workouts and the exercises they hold. */
  async spanOf(
    workoutIds: string[],
  ): Promise<{ from: Date; to: Date; exerciseIds: string[] } | null> {
    const [row] = (await this.manager.query(
      `SELECT min(w.session_at) AS "from", max(w.completed_at) AS "to",
              coalesce((SELECT array_agg(DISTINCT we.exercise_id) FROM workout_exercises we
                         WHERE we.workout_id = ANY($1::uuid[]))::text[], '{}') AS "exerciseIds"
         FROM workouts w WHERE w.id = ANY($1::uuid[])`,
      [workoutIds],
    )) as { from: Date | null; to: Date | null; exerciseIds: string[] }[];
    return row.from && row.to ? { from: row.from, to: row.to, exerciseIds: row.exerciseIds } : null;
  }

  /** A completed workout's personal records, by exercise, kind and weight (its unique key). */
  findRecords(workoutId: string): Promise<PersonalRecord[]> {
    return this.manager.find(PersonalRecord, {
      where: { workoutId },
      order: { exerciseId: 'ASC', kind: 'ASC', weightKg: 'ASC' },
    });
  }

  /**
   * Which of a workout's records are still current: no later record of the same user,
   * exercise and kind (and weight, for rep records) exists. Records are kept in chronological
   * order of the sessions (PersonalRecordsRepository.reconcile), so the latest is the best.
   * One probe of IDX_personal_records_user_exercise_kind per record.
   */
  async currentRecordIds(workoutId: string): Promise<Set<string>> {
    const rows: { id: string }[] = await this.manager.query(
      `SELECT pr.id FROM personal_records pr
        WHERE pr.workout_id = $1
          AND NOT EXISTS (
            SELECT 1 FROM personal_records later
             WHERE later.user_id = pr.user_id AND later.exercise_id = pr.exercise_id
               AND later.kind = pr.kind
               AND (pr.kind <> 'most_reps_at_weight' OR later.weight_kg = pr.weight_kg)
               AND (later.achieved_at, later.workout_id) > (pr.achieved_at, pr.workout_id))`,
      [workoutId],
    );
    return new Set(rows.map((row) => row.id));
  }

  // Exercises of a workout.

  findExercise(workoutId: string, exerciseId: string): Promise<WorkoutExercise | null> {
    return this.manager.findOneBy(WorkoutExercise, { workoutId, exerciseId });
  }

  /** The workout's exercise rows in order (UQ_workout_exercises_workout_exercise). */
  exercisesOf(workoutId: string): Promise<WorkoutExercise[]> {
    return this.manager.find(WorkoutExercise, {
      where: { workoutId },
      order: { position: 'ASC', createdAt: 'ASC' },
    });
  }

  async insertExercises(rows: NewWorkoutExercise[]): Promise<void> {
    if (rows.length > 0) await this.manager.insert(WorkoutExercise, rows);
  }

  async updateExerciseNotes(id: string, notes: string | null): Promise<void> {
    await this.manager.update(WorkoutExercise, { id }, { notes });
  }

  /** Positions 0..n-1 in the order of `ids`, in one statement. */
  async setExerciseOrder(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.manager.query(
      `UPDATE workout_exercises AS e SET position = o.position - 1
         FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, position)
        WHERE e.id = o.id AND e.position <> o.position - 1`,
      [ids],
    );
  }

  async deleteExercise(id: string): Promise<void> {
    await this.manager.delete(WorkoutExercise, { id });
  }

  // Sets of a workout exercise.

  findSet(workoutExerciseId: string, id: string): Promise<WorkoutSet | null> {
    return this.manager.findOneBy(WorkoutSet, { id, workoutExerciseId });
  }

  /** How many sets the exercise has, and the position after the last (max + 1: gaps stay). */
  async setPositions(workoutExerciseId: string): Promise<{ count: number; next: number }> {
    const [row] = (await this.manager.query(
      `SELECT count(*)::int AS count, coalesce(max(position) + 1, 0)::int AS next
         FROM workout_sets WHERE workout_exercise_id = $1`,
      [workoutExerciseId],
    )) as { count: number; next: number }[];
    return row;
  }

  /** Inserts sets; `completed` ones are stamped with the database clock. Returns their ids. */
  async insertSets(rows: NewWorkoutSet[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const result = await this.manager
      .createQueryBuilder()
      .insert()
      .into(WorkoutSet)
      .values(rows.map((row) => ({ ...row, completedAt: row.completed ? () => 'now()' : null })))
      .execute();
    return (result.identifiers as { id: string }[]).map(({ id }) => id);
  }

  /** A set's new values; completing keeps the first completion instant, un-completing clears it. */
  async updateSet(id: string, values: SetValues): Promise<void> {
    await this.manager
      .createQueryBuilder()
      .update(WorkoutSet)
      .set({
        ...values,
        completedAt: values.completed ? () => 'coalesce(completed_at, now())' : null,
      })
      .where('id = :id', { id })
      .execute();
  }

  async deleteSet(id: string): Promise<void> {
    await this.manager.delete(WorkoutSet, { id });
  }
}
