import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomUUID } from 'node:crypto';
import {
  ProblemException,
  ValidationProblem,
  VersionConflictProblem,
} from '../../common/errors/domain-errors';
import { CursorPage, decodeCursor, toCursorPage } from '../../common/pagination/cursor';
import { fromKilograms, toKilograms, WeightUnit } from '../../common/units/weight-unit';
import { ExercisesService } from '../exercises/exercises.service';
import { TemplatesService } from '../templates/templates.service';
import { UsersService } from '../users/users.service';
import { CreateWorkoutDto } from './dto/create-workout.dto';
import { ListWorkoutsQueryDto } from './dto/list-workouts-query.dto';
import { UpdateWorkoutDto } from './dto/update-workout.dto';
import {
  WorkoutDto,
  WorkoutExerciseChangeDto,
  WorkoutSetChangeDto,
  WorkoutSummaryDto,
} from './dto/workout.dto';
import { AddWorkoutExerciseDto, UpdateWorkoutExerciseDto } from './dto/workout-exercise-input.dto';
import { WORKOUT_LIMITS } from './dto/workout-fields';
import { CreateWorkoutSetDto, UpdateWorkoutSetDto } from './dto/workout-set-input.dto';
import { WorkoutExercise } from './entities/workout-exercise.entity';
import { Workout } from './entities/workout.entity';
import { PersonalRecordsRepository } from './personal-records.repository';
import { numeric, storedSet } from './set-values';
import { exercisesNeedingE1rm, planFromTemplateDay, PlannedRows } from './workout-plan';
import { allowedActions, isClosed, WorkoutAction, WorkoutStatus } from './workout-state';
import { WORKOUT_COMPLETED, WorkoutCompletedEvent } from './workouts.events';
import { WorkoutChanges, WorkoutsRepository } from './workouts.repository';

const DEFAULT_NAME = 'Workout';

/** A day of a template, ready to become a workout's content. */
interface TemplatePlan {
  templateId: string;
  dayIndex: number;
  name: string;
  notes: string | null;
  build: (workoutId: string) => PlannedRows;
}

/** `change` when the request sent it (null included), else the current value. */
const changed = <T>(change: T | undefined, current: T): T =>
  change === undefined ? current : change;

/** Moves `id` to `position` (clamped to the end) in an ordered list of ids. */
function moveTo(ids: string[], id: string, position: number): string[] {
  const others = ids.filter((other) => other !== id);
  others.splice(Math.min(position, others.length), 0, id);
  return others;
}

function limitReached(detail: string): ProblemException {
  return new ProblemException(
    HttpStatus.CONFLICT,
    'workout-limit-reached',
    'Limit reached',
    detail,
  );
}

/**
 * Workout sessions: creation (empty or from a template day), history, edits under optimistic
 * concurrency, the state machine, and completion with totals and personal records. Weights
 * cross this boundary in the user's unit and are stored in kilograms. docs/workouts.md.
 */
@Injectable()
export class WorkoutsService {
  constructor(
    private readonly workouts: WorkoutsRepository,
    private readonly records: PersonalRecordsRepository,
    private readonly exercises: ExercisesService,
    private readonly templates: TemplatesService,
    private readonly users: UsersService,
    private readonly events: EventEmitter2,
  ) {}

  async create(userId: string, dto: CreateWorkoutDto): Promise<WorkoutDto> {
    if (dto.dayIndex !== undefined && dto.templateId === undefined) {
      throw new ValidationProblem([
        { field: 'dayIndex', messages: ['dayIndex needs a templateId'] },
      ]);
    }
    const unit = await this.unitOf(userId);
    const plan =
      dto.templateId === undefined
        ? null
        : await this.templatePlan(userId, dto.templateId, dto.dayIndex ?? 0, unit);
    const id = await this.workouts.inTransaction(async (tx) => {
      const workoutId = await tx.insertWorkout({
        userId,
        name: dto.name ?? plan?.name ?? DEFAULT_NAME,
        notes: dto.notes ?? plan?.notes ?? null,
        scheduledFor: dto.scheduledFor ?? null,
        // Absent: the column default, now().
        sessionAt: dto.scheduledFor,
        templateId: plan?.templateId ?? null,
        templateDayIndex: plan?.dayIndex ?? null,
      });
      if (plan) {
        const rows = plan.build(workoutId);
        await tx.insertExercises(rows.exercises);
        await tx.insertSets(rows.sets);
        await this.templates.recordUse(plan.templateId, tx.manager);
      }
      return workoutId;
    });
    return this.detail(this.workouts, userId, id, unit);
  }

  async list(userId: string, query: ListWorkoutsQueryDto): Promise<CursorPage<WorkoutSummaryDto>> {
    if (query.from && query.to && query.from >= query.to) {
      throw new ValidationProblem([{ field: 'to', messages: ['to must be after from'] }]);
    }
    const unit = await this.unitOf(userId);
    const rows = await this.workouts.findPage(userId, {
      from: query.from,
      to: query.to,
      status: query.status,
      before: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: query.limit,
    });
    return toCursorPage(
      rows,
      query.limit,
      (w) => ({ at: w.sessionAt, id: w.id }),
      (w) => WorkoutSummaryDto.from(w, unit),
    );
  }

  async get(userId: string, id: string): Promise<WorkoutDto> {
    return this.detail(this.workouts, userId, id, await this.unitOf(userId));
  }

  /**
   * Name, notes and schedule, in any state (they change no totals). `version` must be current.
   * While planned, a new schedule also moves the workout in the history.
   */
  async update(userId: string, id: string, dto: UpdateWorkoutDto): Promise<WorkoutDto> {
    const unit = await this.unitOf(userId);
    return this.workouts.inTransaction(async (tx) => {
      const workout = await this.lockForChange(tx, userId, id, dto.version, unit);
      const changes: WorkoutChanges = Object.fromEntries(
        Object.entries({ name: dto.name, notes: dto.notes, scheduledFor: dto.scheduledFor }).filter(
          ([, value]) => value !== undefined,
        ),
      );
      if (dto.scheduledFor !== undefined && workout.status === WorkoutStatus.Planned) {
        changes.sessionAt = dto.scheduledFor ?? workout.createdAt;
      }
      if (Object.keys(changes).length > 0) {
        await tx.updateWorkout(id, changes);
        await tx.bumpVersion(id);
      }
      return this.detail(tx, userId, id, unit);
    });
  }

  /** In any state; a completed workout's records go with it. */
  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.workouts.deleteOwned(userId, id))) throw this.notFound();
  }

  /** start, pause, resume or abandon: one conditional UPDATE; anything else is a 409. */
  async transition(
    userId: string,
    id: string,
    action: Exclude<WorkoutAction, WorkoutAction.Complete>,
  ): Promise<WorkoutDto> {
    const unit = await this.unitOf(userId);
    if (!(await this.workouts.applyTransition(userId, id, action))) {
      throw await this.illegalTransition(this.workouts, userId, id, action, unit);
    }
    return this.detail(this.workouts, userId, id, unit);
  }

  /**
   * One transaction: the transition (duration, an open pause closed), the totals, and the
   * personal records against the user's other completed workouts. A second completion is an
   * illegal transition (409) and changes nothing. `workout.completed` follows the commit.
   */
  async complete(userId: string, id: string): Promise<WorkoutDto> {
    const unit = await this.unitOf(userId);
    await this.workouts.inTransaction(async (tx) => {
      const records = this.records.withManager(tx.manager);
      await records.lockHistory(userId);
      if (!(await tx.applyTransition(userId, id, WorkoutAction.Complete))) {
        throw await this.illegalTransition(tx, userId, id, WorkoutAction.Complete, unit);
      }
      await tx.recordTotals(id);
      await records.detect(userId, id);
    });
    await this.events.emitAsync(WORKOUT_COMPLETED, new WorkoutCompletedEvent(userId, id));
    return this.detail(this.workouts, userId, id, unit);
  }

  async addExercise(
    userId: string,
    workoutId: string,
    dto: AddWorkoutExerciseDto,
  ): Promise<WorkoutExerciseChangeDto> {
    const unit = await this.unitOf(userId);
    if (!(await this.exercises.findUsable(userId, [dto.exerciseId])).has(dto.exerciseId)) {
      throw new ValidationProblem([
        { field: 'exerciseId', messages: ['exerciseId does not name an exercise you can use'] },
      ]);
    }
    const { workout } = await this.changeContent(userId, workoutId, undefined, unit, async (tx) => {
      const items = await tx.exercisesOf(workoutId);
      if (items.some((item) => item.exerciseId === dto.exerciseId)) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'exercise-already-in-workout',
          'Exercise already in the workout',
          'A workout holds an exercise once: add sets to it instead.',
        );
      }
      if (items.length >= WORKOUT_LIMITS.exercises) {
        throw limitReached(`A workout holds at most ${WORKOUT_LIMITS.exercises} exercises.`);
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
        await tx.setExerciseOrder(moveTo([...items.map((item) => item.id), id], id, dto.position));
      }
    });
    return this.exerciseChange(workout, dto.exerciseId);
  }

  async updateExercise(
    userId: string,
    workoutId: string,
    exerciseId: string,
    dto: UpdateWorkoutExerciseDto,
  ): Promise<WorkoutExerciseChangeDto> {
    const unit = await this.unitOf(userId);
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
    const unit = await this.unitOf(userId);
    const { workout } = await this.changeContent(userId, workoutId, undefined, unit, async (tx) => {
      const item = await this.exerciseOf(tx, workoutId, exerciseId);
      await tx.deleteExercise(item.id);
      await tx.setExerciseOrder((await tx.exercisesOf(workoutId)).map((other) => other.id));
    });
    return workout;
  }

  /**
   * Appends a set. No version needed: sets from several devices all land, each at its own
   * position, because writers of one workout queue on its row lock.
   */
  async addSet(
    userId: string,
    workoutId: string,
    exerciseId: string,
    dto: CreateWorkoutSetDto,
  ): Promise<WorkoutSetChangeDto> {
    const unit = await this.unitOf(userId);
    const weightKg = this.kilograms(dto.weight, unit) ?? null;
    const { workout, result: setId } = await this.changeContent(
      userId,
      workoutId,
      undefined,
      unit,
      async (tx) => {
        const item = await this.exerciseOf(tx, workoutId, exerciseId);
        const { count, next } = await tx.setPositions(item.id);
        if (count >= WORKOUT_LIMITS.setsPerExercise) {
          throw limitReached(`An exercise holds at most ${WORKOUT_LIMITS.setsPerExercise} sets.`);
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
    return this.setChange(workout, exerciseId, setId);
  }

  /** Changes a set; with `version`, only if the workout has not changed since (offline sync). */
  async updateSet(
    userId: string,
    workoutId: string,
    exerciseId: string,
    setId: string,
    dto: UpdateWorkoutSetDto,
  ): Promise<WorkoutSetChangeDto> {
    const unit = await this.unitOf(userId);
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
    return this.setChange(workout, exerciseId, setId);
  }

  async removeSet(
    userId: string,
    workoutId: string,
    exerciseId: string,
    setId: string,
  ): Promise<WorkoutDto> {
    const unit = await this.unitOf(userId);
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
  private changeContent<T>(
    userId: string,
    workoutId: string,
    version: number | undefined,
    unit: WeightUnit,
    work: (tx: WorkoutsRepository) => Promise<T>,
  ): Promise<{ workout: WorkoutDto; result: T }> {
    return this.workouts.inTransaction(async (tx) => {
      const locked = await this.lockForChange(tx, userId, workoutId, version, unit);
      if (isClosed(locked.status)) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'workout-closed',
          'Workout closed',
          `The workout is ${locked.status}: its exercises and sets no longer change.`,
          { current: await this.detail(tx, userId, workoutId, unit) },
        );
      }
      const result = await work(tx);
      await tx.bumpVersion(workoutId);
      return { workout: await this.detail(tx, userId, workoutId, unit), result };
    });
  }

  /** The caller's workout, locked; 404 if not theirs, 409 with the current state if stale. */
  private async lockForChange(
    tx: WorkoutsRepository,
    userId: string,
    id: string,
    version: number | undefined,
    unit: WeightUnit,
  ): Promise<Workout> {
    const workout = await tx.lockOwned(userId, id);
    if (!workout) throw this.notFound();
    if (version !== undefined && version !== workout.version) {
      throw new VersionConflictProblem(
        `The workout is at version ${workout.version}; this change was based on version ${version}. Reconcile with \`current\` and retry.`,
        { current: await this.detail(tx, userId, id, unit) },
      );
    }
    return workout;
  }

  /** 404 when the workout is not the caller's; else the 409 for an action its status forbids. */
  private async illegalTransition(
    tx: WorkoutsRepository,
    userId: string,
    id: string,
    action: WorkoutAction,
    unit: WeightUnit,
  ): Promise<ProblemException> {
    const current = await this.detail(tx, userId, id, unit);
    const allowed = allowedActions(current.status);
    return new ProblemException(
      HttpStatus.CONFLICT,
      'illegal-transition',
      'Illegal state transition',
      `Cannot ${action} a workout that is ${current.status}.`,
      { workoutStatus: current.status, action, allowedActions: allowed, current },
    );
  }

  private async detail(
    tx: WorkoutsRepository,
    userId: string,
    id: string,
    unit: WeightUnit,
  ): Promise<WorkoutDto> {
    const workout = await tx.findDetail(userId, id);
    if (!workout) throw this.notFound();
    const records = workout.status === WorkoutStatus.Completed ? await tx.findRecords(id) : [];
    const exercises = await this.exercises.labelsOf(
      workout.exercises!.map((item) => item.exerciseId),
    );
    return WorkoutDto.fromDetail(workout, records, exercises, unit);
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

  /**
   * One day of a template the user may see, with %e1RM loads from their history. An unknown
   * or invisible template, or a day it does not have, is a field error.
   */
  private async templatePlan(
    userId: string,
    templateId: string,
    dayIndex: number,
    unit: WeightUnit,
  ): Promise<TemplatePlan> {
    const template = await this.templates.findForWorkout(userId, templateId).catch((error) => {
      if (error instanceof NotFoundException) {
        throw new ValidationProblem([
          { field: 'templateId', messages: ['templateId does not name a template you can use'] },
        ]);
      }
      throw error;
    });
    const day = template.days[dayIndex];
    if (!day) {
      throw new ValidationProblem([
        {
          field: 'dayIndex',
          messages: [`dayIndex must be below ${template.days.length}, the template's day count`],
        },
      ]);
    }
    const e1rms = await this.records.bestE1rms(userId, exercisesNeedingE1rm(day));
    return {
      templateId,
      dayIndex,
      name: `${template.name}: ${day.name}`.slice(0, WORKOUT_LIMITS.name),
      notes: day.notes,
      build: (workoutId) => planFromTemplateDay(day, { workoutId, userId, unit, e1rms }),
    };
  }

  /** A weight the user sent, in kg; more than the limit is a field error. */
  private kilograms<T extends number | null | undefined>(weight: T, unit: WeightUnit): T {
    if (weight === null || weight === undefined) return weight;
    const kilograms = toKilograms(weight, unit);
    const { max } = WORKOUT_LIMITS.weightKg;
    if (kilograms > max) {
      const limit =
        unit === WeightUnit.Kilogram ? `${max} kg` : `${fromKilograms(max, unit)} ${unit}`;
      throw new ValidationProblem([
        { field: 'weight', messages: [`weight must not be more than ${limit}`] },
      ]);
    }
    return kilograms as T;
  }

  private async unitOf(userId: string): Promise<WeightUnit> {
    return (await this.users.preferencesOf(userId)).weightUnit;
  }

  private exerciseChange(workout: WorkoutDto, exerciseId: string): WorkoutExerciseChangeDto {
    const item = workout.exercises.find((e) => e.exerciseId === exerciseId)!;
    return { ...item, workoutVersion: workout.version };
  }

  private setChange(workout: WorkoutDto, exerciseId: string, setId: string): WorkoutSetChangeDto {
    const item = workout.exercises.find((e) => e.exerciseId === exerciseId)!;
    const set = item.sets.find((s) => s.id === setId)!;
    return { ...set, exerciseId, workoutVersion: workout.version };
  }

  private notFound(): NotFoundException {
    return new NotFoundException('No such workout.');
  }
}
