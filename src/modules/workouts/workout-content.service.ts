import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ValidationProblem } from '../../common/errors/domain-errors';
import { createOnce, IdempotentRequest } from '../../common/idempotency/idempotent-create';
import { Idempotent } from '../../common/idempotency/idempotent-create.decorator';
import { WeightUnit } from '../../common/units/weight-unit';
import { ExercisesService } from '../exercises/exercises.service';
import { WorkoutDto, WorkoutExerciseChangeDto, WorkoutSetChangeDto } from './dto/workout.dto';
import { AddWorkoutExerciseDto, UpdateWorkoutExerciseDto } from './dto/workout-exercise-input.dto';
import { WORKOUT_LIMITS } from './dto/workout-fields';
import { CreateWorkoutSetDto, UpdateWorkoutSetDto } from './dto/workout-set-input.dto';
import { WorkoutExercise } from './entities/workout-exercise.entity';
import { numeric, storedSet, userWeightKg } from './set-values';
import { WorkoutAccess } from './workout-access';
import { WorkoutSync } from './workout-sync';
import { WorkoutProblems } from './workout-problems';
import { isClosed } from './workout-state';
import { WorkoutsRepository } from './workouts.repository';

/** `change` when the request sent it (null included), else the current value. */
const changed = <T>(change: T | undefined, current: T): T =>
  change === undefined ? current : change;

/** Moves `id` to `position` (clamped to the end) in an ordered list of ids. */
function moveTo(ids: string[], id: string, position: number): string[] {
  const others = ids.filter((other) => other !== id);
  others.splice(Math.min(position, others.length), 0, id);
  return others;
}

/**
 * The exercises of a workout and their sets, changed while the workout is open, each change in
 * one transaction under the workout's row lock. Weights cross this boundary in the user's unit
 * and are stored in kilograms. docs/workouts.md.
 */
@Injectable()
export class WorkoutContentService {
  constructor(
    private readonly workouts: WorkoutsRepository,
    private readonly access: WorkoutAccess,
    private readonly exercises: ExercisesService,
    private readonly sync: WorkoutSync,
  ) {}

  /**
   * With an Idempotency-Key, a retry answers the exercise added first (200), even once the
   * workout is closed; a retry whose exercise was removed since is a 404.
   */
  async addExercise(
    userId: string,
    workoutId: string,
    dto: AddWorkoutExerciseDto,
    idempotencyKey?: string,
  ): Promise<Idempotent<WorkoutExerciseChangeDto>> {
    const unit = await this.access.unitOf(userId);
    if (!(await this.exercises.findUsable(userId, [dto.exerciseId])).has(dto.exerciseId)) {
      throw new ValidationProblem([
        { field: 'exerciseId', messages: ['exerciseId does not name an exercise you can use'] },
      ]);
    }
    const idempotent = {
      userId,
      key: idempotencyKey,
      scope: 'workouts.exercises.create',
      request: { workoutId, exercise: dto },
    };
    const { workout, id, replayed } = await this.createContent(
      idempotent,
      workoutId,
      unit,
      async (tx) => {
        const items = await tx.exercisesOf(workoutId);
        if (items.some((item) => item.exerciseId === dto.exerciseId)) {
          throw WorkoutProblems.exerciseAlreadyInWorkout.exception(
            'A workout holds an exercise once: add sets to it instead.',
          );
        }
        if (items.length >= WORKOUT_LIMITS.exercises) {
          throw WorkoutProblems.limitReached.exception(
            `A workout holds at most ${WORKOUT_LIMITS.exercises} exercises.`,
          );
        }
        const id = randomUUID();
        await tx.insertExercises([
          {
            id,
            workoutId,
            exerciseId: dto.exerciseId,
            position: items.length,
            notes: dto.notes ?? null,
            progression: null,
          },
        ]);
        if (dto.position !== undefined) {
          await tx.setExerciseOrder(
            moveTo([...items.map((item) => item.id), id], id, dto.position),
          );
        }
        return id;
      },
    );
    if (replayed && (await this.workouts.findExercise(workoutId, dto.exerciseId))?.id !== id) {
      throw new NotFoundException(
        'The exercise this Idempotency-Key added has since been removed.',
      );
    }
    return new Idempotent(this.exerciseChange(workout, dto.exerciseId), replayed);
  }

  async updateExercise(
    userId: string,
    workoutId: string,
    exerciseId: string,
    dto: UpdateWorkoutExerciseDto,
  ): Promise<WorkoutExerciseChangeDto> {
    const unit = await this.access.unitOf(userId);
    const { workout } = await this.changeContent(
      userId,
      workoutId,
      dto.version,
      unit,
      async (tx) => {
        const item = await this.exerciseOf(tx, workoutId, exerciseId);
        if (dto.notes !== undefined) await tx.updateExerciseNotes(item.id, dto.notes);
        if (dto.position !== undefined) {
          const ids = (await tx.exercisesOf(workoutId)).map((other) => other.id);
          await tx.setExerciseOrder(moveTo(ids, item.id, dto.position));
        }
      },
    );
    return this.exerciseChange(workout, exerciseId);
  }

  /** Removes the exercise and its sets; the others close ranks. */
  async removeExercise(userId: string, workoutId: string, exerciseId: string): Promise<WorkoutDto> {
    const unit = await this.access.unitOf(userId);
    const { workout } = await this.changeContent(userId, workoutId, undefined, unit, async (tx) => {
      const item = await this.exerciseOf(tx, workoutId, exerciseId);
      await tx.deleteExercise(item.id);
      await tx.setExerciseOrder((await tx.exercisesOf(workoutId)).map((other) => other.id));
    });
    return workout;
  }

  /**
   * Appends a set. No version needed: sets from several devices all land, each at its own
   * position, because writers of one workout queue on its row lock. With an Idempotency-Key, a
   * retry answers the set logged first (200), even once the workout is closed; a retry whose
   * set was deleted since is a 404.
   */
  async addSet(
    userId: string,
    workoutId: string,
    exerciseId: string,
    dto: CreateWorkoutSetDto,
    idempotencyKey?: string,
  ): Promise<Idempotent<WorkoutSetChangeDto>> {
    const unit = await this.access.unitOf(userId);
    const weightKg = this.kilograms(dto.weight, unit) ?? null;
    const idempotent = {
      userId,
      key: idempotencyKey,
      scope: 'workouts.sets.create',
      request: { workoutId, exerciseId, set: dto },
    };
    const { workout, id, replayed } = await this.createContent(
      idempotent,
      workoutId,
      unit,
      async (tx) => {
        const item = await this.exerciseOf(tx, workoutId, exerciseId);
        const { count, next } = await tx.setPositions(item.id);
        if (count >= WORKOUT_LIMITS.setsPerExercise) {
          throw WorkoutProblems.limitReached.exception(
            `An exercise holds at most ${WORKOUT_LIMITS.setsPerExercise} sets.`,
          );
        }
        const [id] = await tx.insertSets([
          {
            ...storedSet({
              setType: dto.setType,
              weightKg,
              reps: dto.reps ?? null,
              rpe: dto.rpe ?? null,
              rir: dto.rir ?? null,
              restSeconds: dto.restSeconds ?? null,
              completed: dto.completed,
            }),
            workoutExerciseId: item.id,
            userId,
            workoutId,
            exerciseId,
            position: next,
          },
        ]);
        return id;
      },
    );
    const set = this.setChange(workout, exerciseId, id);
    if (!set)
      throw new NotFoundException('The set this Idempotency-Key logged has since been deleted.');
    return new Idempotent(set, replayed);
  }

  /** Changes a set; with `version`, only if the workout has not changed since (offline sync). */
  async updateSet(
    userId: string,
    workoutId: string,
    exerciseId: string,
    setId: string,
    dto: UpdateWorkoutSetDto,
  ): Promise<WorkoutSetChangeDto> {
    const unit = await this.access.unitOf(userId);
    const weightKg = this.kilograms(dto.weight, unit);
    const { workout } = await this.changeContent(
      userId,
      workoutId,
      dto.version,
      unit,
      async (tx) => {
        const set = await this.setOf(tx, workoutId, exerciseId, setId);
        // RPE and RIR are exclusive: setting one clears the other.
        const rpe = dto.rir != null ? null : changed(dto.rpe, numeric(set.rpe));
        const rir = dto.rpe != null ? null : changed(dto.rir, set.rir);
        await tx.updateSet(
          set.id,
          storedSet({
            setType: changed(dto.setType, set.setType),
            weightKg: changed(weightKg, numeric(set.weightKg)),
            reps: changed(dto.reps, set.reps),
            rpe,
            rir,
            restSeconds: changed(dto.restSeconds, set.restSeconds),
            completed: changed(dto.completed, set.completed),
          }),
        );
      },
    );
    return this.setChange(workout, exerciseId, setId)!;
  }

  async removeSet(
    userId: string,
    workoutId: string,
    exerciseId: string,
    setId: string,
  ): Promise<WorkoutDto> {
    const unit = await this.access.unitOf(userId);
    const { workout } = await this.changeContent(userId, workoutId, undefined, unit, async (tx) => {
      await tx.deleteSet((await this.setOf(tx, workoutId, exerciseId, setId)).id);
    });
    return workout;
  }

  /**
   * The frame of every change to a workout's exercises and sets, in one transaction: lock the
   * workout row (writers of one workout queue here), check `version` when given and that the
   * workout is still open, apply `work`, bump the version, and read the result back.
   */
  private async changeContent<T>(
    userId: string,
    workoutId: string,
    version: number | undefined,
    unit: WeightUnit,
    work: (tx: WorkoutsRepository) => Promise<T>,
  ): Promise<{ workout: WorkoutDto; result: T }> {
    const change = await this.workouts.inTransaction((tx) =>
      this.changeWithin(tx, userId, workoutId, version, unit, work),
    );
    this.sync.changed(userId, workoutId, change.workout.version);
    return change;
  }

  private async changeWithin<T>(
    tx: WorkoutsRepository,
    userId: string,
    workoutId: string,
    version: number | undefined,
    unit: WeightUnit,
    work: (tx: WorkoutsRepository) => Promise<T>,
  ): Promise<{ workout: WorkoutDto; result: T }> {
    const locked = await this.access.lockForChange(tx, userId, workoutId, version, unit);
    if (isClosed(locked.status)) {
      throw WorkoutProblems.workoutClosed.exception(
        `The workout is ${locked.status}: its exercises and sets no longer change.`,
        { current: await this.access.detail(tx, userId, workoutId, unit) },
      );
    }
    const result = await work(tx);
    await tx.bumpVersion(workoutId);
    return { workout: await this.access.detail(tx, userId, workoutId, unit), result };
  }

  /**
   * An idempotent create of content (common/idempotency): the key is claimed before the
   * workout is locked or checked, so a retry is answered as the first request was whatever
   * happened to the workout since. A new create answers the workout as its transaction left
   * it (its own workoutVersion); a replay, the workout as it is now.
   */
  private async createContent(
    idempotent: IdempotentRequest,
    workoutId: string,
    unit: WeightUnit,
    work: (tx: WorkoutsRepository) => Promise<string>,
  ): Promise<{ workout: WorkoutDto; id: string; replayed: boolean }> {
    const { userId } = idempotent;
    const created = await this.workouts.inTransaction(async (tx) => {
      let workout: WorkoutDto | undefined;
      const outcome = await createOnce(tx.manager, idempotent, async () => {
        const change = await this.changeWithin(tx, userId, workoutId, undefined, unit, work);
        workout = change.workout;
        return change.result;
      });
      return { ...outcome, workout };
    });
    if (!created.replayed && created.workout) {
      this.sync.changed(userId, workoutId, created.workout.version);
    }
    return {
      ...created,
      workout:
        created.workout ?? (await this.access.detail(this.workouts, userId, workoutId, unit)),
    };
  }

  private async exerciseOf(
    tx: WorkoutsRepository,
    workoutId: string,
    exerciseId: string,
  ): Promise<WorkoutExercise> {
    const item = await tx.findExercise(workoutId, exerciseId);
    if (!item) throw new NotFoundException('No such exercise in this workout.');
    return item;
  }

  private async setOf(
    tx: WorkoutsRepository,
    workoutId: string,
    exerciseId: string,
    setId: string,
  ) {
    const set = await tx.findSet((await this.exerciseOf(tx, workoutId, exerciseId)).id, setId);
    if (!set) throw new NotFoundException('No such set in this exercise.');
    return set;
  }

  /** A weight the user sent, in kg; more than the limit is a field error. */
  private kilograms<T extends number | null | undefined>(weight: T, unit: WeightUnit): T {
    if (weight === null || weight === undefined) return weight;
    const converted = userWeightKg(weight, unit);
    if (converted.error !== undefined) {
      throw new ValidationProblem([{ field: 'weight', messages: [converted.error] }]);
    }
    return converted.kilograms as T;
  }

  private exerciseChange(workout: WorkoutDto, exerciseId: string): WorkoutExerciseChangeDto {
    const item = workout.exercises.find((e) => e.exerciseId === exerciseId)!;
    return { ...item, workoutVersion: workout.version };
  }

  /** The set as a write answers it; undefined when it is no longer there (a replay). */
  private setChange(
    workout: WorkoutDto,
    exerciseId: string,
    setId: string,
  ): WorkoutSetChangeDto | undefined {
    const set = workout.exercises
      .find((e) => e.exerciseId === exerciseId)
      ?.sets.find((s) => s.id === setId);
    return set && { ...set, exerciseId, workoutVersion: workout.version };
  }
}
