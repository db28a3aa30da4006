import { Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  assertValid,
  ProblemException,
  ValidationProblem,
} from '../../common/errors/domain-errors';
import { FieldError } from '../../common/errors/problem-details';
import {
  createOnce,
  earlierOutcome,
  IdempotentRequest,
} from '../../common/idempotency/idempotent-create';
import { Idempotent } from '../../common/idempotency/idempotent-create.decorator';
import { CursorPage, toCursorPage } from '../../common/pagination/cursor';
import { keysetOf } from '../../common/pagination/cursor-query.dto';
import { WeightUnit } from '../../common/units/weight-unit';
import { domainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { publishDomainEvents } from '../../infrastructure/events/publish-domain-events';
import { ExercisesService } from '../exercises/exercises.service';
import { TemplatesService } from '../templates/templates.service';
import { CompleteWorkoutDto } from './dto/complete-workout.dto';
import { CreateWorkoutDto, LoggedExerciseDto } from './dto/create-workout.dto';
import { ListWorkoutsQueryDto } from './dto/list-workouts-query.dto';
import { UpdateWorkoutDto } from './dto/update-workout.dto';
import { WorkoutDto, WorkoutSummaryDto } from './dto/workout.dto';
import { MAX_SESSION_MS, WORKOUT_LIMITS } from './dto/workout-fields';
import { Workout } from './entities/workout.entity';
import { loggedContentErrors, loggedContentRows } from './logged-content';
import { LastExercise } from './progression';
import { numeric, storedE1rm } from './set-values';
import { SetType } from '../training/set-type.vocabulary';
import { PersonalRecordsRepository, RecordInRange } from './personal-records.repository';
import { WorkoutAccess } from './workout-access';
import { WorkoutSync } from './workout-sync';
import { WorkoutProblems } from './workout-problems';
import { exercisesNeedingE1rm, planFromTemplateDay, PlannedRows } from './workout-plan';
import { allowedActions, canApply, WorkoutAction, WorkoutStatus } from './workout-state';
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

/**
 * Workout sessions: creation (empty or from a template day), history, edits under optimistic
 * concurrency, the state machine, and completion with totals and personal records. Their
 * exercises and sets: WorkoutContentService. docs/workouts.md.
 */
@Injectable()
export class WorkoutsService {
  constructor(
    private readonly workouts: WorkoutsRepository,
    private readonly records: PersonalRecordsRepository,
    private readonly templates: TemplatesService,
    private readonly access: WorkoutAccess,
    private readonly exercises: ExercisesService,
    private readonly sync: WorkoutSync,
  ) {}

  /**
   * An empty workout, a template day as planned sets, or a session already held: `startedAt`
   * creates it in progress from that instant, with `completedAt` completed (its `exercises`
   * and sets logged in the same request, then totals and records as of its real end). With an
   * Idempotency-Key, a retry answers the workout created first (200) without reading the
   * template again; a retry whose workout was deleted since is a 404.
   */
  async create(
    userId: string,
    dto: CreateWorkoutDto,
    idempotencyKey?: string,
  ): Promise<Idempotent<WorkoutDto>> {
    if (dto.dayIndex !== undefined && dto.templateId === undefined) {
      throw new ValidationProblem([
        { field: 'dayIndex', messages: ['dayIndex needs a templateId'] },
      ]);
    }
    const unit = await this.access.unitOf(userId);
    const idempotent: IdempotentRequest = {
      userId,
      key: idempotencyKey,
      scope: 'workouts.create',
      request: dto,
    };
    const earlier = await earlierOutcome(this.workouts.manager, idempotent);
    if (earlier) return this.answer(userId, earlier, unit);
    if (dto.exercises) await this.checkLoggedContent(userId, dto.exercises, unit);
    const plan =
      dto.templateId === undefined
        ? null
        : await this.templatePlan(userId, dto.templateId, dto.dayIndex ?? 0, unit);
    const startedAt = dto.startedAt ?? null;
    const outcome = await this.workouts.inTransaction((tx) =>
      createOnce(tx.manager, idempotent, async () => {
        const workoutId = await tx.insertWorkout({
          userId,
          name: dto.name ?? plan?.name ?? DEFAULT_NAME,
          notes: dto.notes ?? plan?.notes ?? null,
          scheduledFor: dto.scheduledFor ?? null,
          // Absent: the column defaults, planned and now().
          status: startedAt ? WorkoutStatus.InProgress : undefined,
          startedAt,
          sessionAt: startedAt ?? dto.scheduledFor,
          templateId: plan?.templateId ?? null,
          templateDayIndex: plan?.dayIndex ?? null,
        });
        const rows =
          plan?.build(workoutId) ??
          (dto.exercises && loggedContentRows(dto.exercises, { workoutId, userId, unit }));
        if (rows) {
          await tx.insertExercises(rows.exercises);
          await tx.insertSets(rows.sets);
        }
        if (plan) await this.templates.recordUse(plan.templateId, tx.manager);
        if (dto.completedAt) {
          const records = this.records.withManager(tx.manager);
          await records.lockHistory(userId);
          await tx.applyTransition(userId, workoutId, WorkoutAction.Complete, dto.completedAt);
          await this.afterCompletion(tx, records, userId, workoutId);
        }
        return workoutId;
      }),
    );
    const answer = await this.answer(userId, outcome, unit);
    if (!outcome.replayed) this.sync.changed(userId, answer.value.id, answer.value.version);
    return answer;
  }

  /** The workout an idempotent create made (or made earlier), as the API answers it. */
  private async answer(
    userId: string,
    { id, replayed }: { id: string; replayed: boolean },
    unit: WeightUnit,
  ): Promise<Idempotent<WorkoutDto>> {
    const workout = await this.access.detail(this.workouts, userId, id, unit).catch((error) => {
      if (replayed && error instanceof NotFoundException) {
        throw new NotFoundException(
          'The workout this Idempotency-Key created has since been deleted.',
        );
      }
      throw error;
    });
    return new Idempotent(workout, replayed);
  }

  async list(userId: string, query: ListWorkoutsQueryDto): Promise<CursorPage<WorkoutSummaryDto>> {
    const unit = await this.access.unitOf(userId);
    const rows = await this.workouts.findPage(userId, {
      from: query.from,
      to: query.to,
      status: query.status,
      before: keysetOf(query),
      limit: query.limit,
    });
    return toCursorPage(
      rows,
      query.limit,
      (w) => ({ at: w.sessionAt, id: w.id }),
      (w) => WorkoutSummaryDto.from(w, unit),
    );
  }

  /** The personal records achieved in [from, to), oldest first, at most `limit` (reports). */
  recordsInRange(userId: string, from: Date, to: Date, limit: number): Promise<RecordInRange[]> {
    return this.records.inRange(userId, from, to, limit);
  }

  async get(userId: string, id: string): Promise<WorkoutDto> {
    return this.access.detail(this.workouts, userId, id, await this.access.unitOf(userId));
  }

  /**
   * Name, notes and schedule, in any state (they change no totals); the start and end of a
   * session held (its real dates: a completed one moves in the history and its records are
   * reconciled). `version` must be current. While planned, a new schedule also moves the
   * workout in the history.
   */
  async update(userId: string, id: string, dto: UpdateWorkoutDto): Promise<WorkoutDto> {
    const unit = await this.access.unitOf(userId);
    const updated = await this.workouts.inTransaction(async (tx) => {
      const redating = dto.startedAt !== undefined || dto.completedAt !== undefined;
      // Records may change: the same order of locks as a completion (history, then the row).
      const records = this.records.withManager(tx.manager);
      if (redating) await records.lockHistory(userId);
      const workout = await this.access.lockForChange(tx, userId, id, dto.version, unit);
      const changes: WorkoutChanges = Object.fromEntries(
        Object.entries({ name: dto.name, notes: dto.notes, scheduledFor: dto.scheduledFor }).filter(
          ([, value]) => value !== undefined,
        ),
      );
      if (dto.scheduledFor !== undefined && workout.status === WorkoutStatus.Planned) {
        changes.sessionAt = dto.scheduledFor ?? workout.createdAt;
      }
      if (Object.keys(changes).length > 0) await tx.updateWorkout(id, changes);
      const redated = redating && (await this.redate(tx, records, workout, dto));
      if (Object.keys(changes).length > 0 || redated) await tx.bumpVersion(id);
      return this.access.detail(tx, userId, id, unit);
    });
    this.sync.changed(userId, id, updated.version);
    return updated;
  }

  /**
   * Corrects when a session started or ended (already locked). A running session may move its
   * start (not into the future, not after its current pause; its length is checked when it
   * is completed with an end); a
   * completed one its start and end (end after start, at most 12 hours apart), and then its
   * sets and records follow and `workout.redated` tells the other modules. Planned and
   * abandoned workouts have no session to date. False when nothing changed.
   */
  private async redate(
    tx: WorkoutsRepository,
    records: PersonalRecordsRepository,
    workout: Workout,
    dto: UpdateWorkoutDto,
  ): Promise<boolean> {
    const { status } = workout;
    if (status === WorkoutStatus.Planned || status === WorkoutStatus.Abandoned) {
      const why =
        status === WorkoutStatus.Planned
          ? 'a planned workout has not started: start it (POST /workouts/:id/start), or create the session with startedAt'
          : 'an abandoned workout counts nowhere: it has no session to date';
      const fields = ['startedAt', 'completedAt'].filter(
        (field) => dto[field as 'startedAt' | 'completedAt'] !== undefined,
      );
      throw new ValidationProblem(fields.map((field) => ({ field, messages: [why] })));
    }
    if (status !== WorkoutStatus.Completed) {
      if (dto.completedAt !== undefined) {
        throw new ValidationProblem([
          {
            field: 'completedAt',
            messages: ['only a completed workout has an end: complete it with completedAt'],
          },
        ]);
      }
      const startedAt = dto.startedAt!;
      assertValid(runningStartErrors(startedAt, workout.pausedAt));
      if (startedAt.getTime() === workout.startedAt!.getTime()) return false;
      await tx.restart(workout.id, startedAt);
      return true;
    }
    const startedAt = dto.startedAt ?? workout.startedAt!;
    const completedAt = dto.completedAt ?? workout.completedAt!;
    assertValid(
      sessionErrors(startedAt, completedAt, dto.completedAt ? 'completedAt' : 'startedAt'),
    );
    const previousEnd = workout.completedAt!;
    if (
      startedAt.getTime() === workout.startedAt!.getTime() &&
      completedAt.getTime() === previousEnd.getTime()
    ) {
      return false;
    }
    await tx.redateCompleted(workout.id, startedAt, completedAt);
    // Records from the earlier of the two ends on: this session's and every later one's.
    const from = previousEnd < completedAt ? previousEnd : completedAt;
    await records.reconcile(workout.userId, await tx.exerciseIdsOf(workout.id), from);
    await tx.markHistoryChanged(workout.userId);
    await publishDomainEvents(
      tx.manager,
      domainEvent('workout.redated', {
        userId: workout.userId,
        workoutId: workout.id,
        sessionAt: startedAt.toISOString(),
        completedAt: completedAt.toISOString(),
        previousSessionAt: workout.sessionAt.toISOString(),
        previousCompletedAt: previousEnd.toISOString(),
      }),
    );
    return true;
  }

  /**
   * In any state; a completed workout's records go with it, and the records of the user's
   * later sessions of its exercises are reconciled (one it had beaten may be a record again).
   * A completed workout's deletion is announced (`workout.deleted`) in the same transaction.
   */
  async remove(userId: string, id: string): Promise<void> {
    await this.workouts.inTransaction(async (tx) => {
      const records = this.records.withManager(tx.manager);
      await records.lockHistory(userId);
      const workout = await tx.findOwned(userId, id);
      if (!workout) throw this.access.notFound();
      const exerciseIds =
        workout.status === WorkoutStatus.Completed ? await tx.exerciseIdsOf(id) : [];
      await tx.deleteOwned(userId, id);
      if (exerciseIds.length > 0) {
        await records.reconcile(userId, exerciseIds, workout.completedAt!);
      }
      if (workout.status === WorkoutStatus.Completed) {
        await tx.markHistoryChanged(userId);
        await publishDomainEvents(
          tx.manager,
          domainEvent('workout.deleted', {
            userId,
            workoutId: id,
            sessionAt: workout.sessionAt.toISOString(),
            completedAt: workout.completedAt!.toISOString(),
          }),
        );
      }
    });
    this.sync.changed(userId, id, null);
  }

  /** start, pause, resume or abandon: one conditional UPDATE; anything else is a 409. */
  async transition(
    userId: string,
    id: string,
    action: Exclude<WorkoutAction, WorkoutAction.Complete>,
  ): Promise<WorkoutDto> {
    const unit = await this.access.unitOf(userId);
    if (!(await this.workouts.applyTransition(userId, id, action))) {
      throw await this.illegalTransition(this.workouts, userId, id, action, unit);
    }
    const workout = await this.access.detail(this.workouts, userId, id, unit);
    this.sync.changed(userId, id, workout.version);
    return workout;
  }

  /**
   * One transaction: the transition (duration, an open pause closed), the totals, and the
   * personal records as of the session's end. `completedAt` (a session completed after the
   * fact) must be after its start and at most 12 hours later. A second completion is an
   * illegal transition (409) and changes nothing. `workout.completed` (with the real dates)
   * and one `personal-record.set` per record are published in the same transaction.
   */
  async complete(userId: string, id: string, dto: CompleteWorkoutDto = {}): Promise<WorkoutDto> {
    const unit = await this.access.unitOf(userId);
    await this.workouts.inTransaction(async (tx) => {
      const records = this.records.withManager(tx.manager);
      await records.lockHistory(userId);
      if (dto.completedAt) {
        const workout = await tx.lockOwned(userId, id);
        if (workout && canApply(workout.status, WorkoutAction.Complete)) {
          assertValid(sessionErrors(workout.startedAt!, dto.completedAt, 'completedAt'));
        }
      }
      if (!(await tx.applyTransition(userId, id, WorkoutAction.Complete, dto.completedAt))) {
        throw await this.illegalTransition(tx, userId, id, WorkoutAction.Complete, unit);
      }
      await this.afterCompletion(tx, records, userId, id);
    });
    const workout = await this.access.detail(this.workouts, userId, id, unit);
    this.sync.changed(userId, id, workout.version);
    return workout;
  }

  /**
   * What a completion computes once the transition is applied (under lockHistory): the sets
   * dated within the session, the totals, the records as of its end (and those of later
   * sessions, for one logged late), and the events, in the completion's transaction.
   * Only this session's new records are announced: a later session's record that a late log
   * restates is not news.
   */
  private async afterCompletion(
    tx: WorkoutsRepository,
    records: PersonalRecordsRepository,
    userId: string,
    id: string,
  ): Promise<void> {
    await tx.keepSetsWithinSession(id);
    await tx.recordTotals([id]);
    const workout = (await tx.findOwned(userId, id))!;
    const stored = await records.reconcile(
      userId,
      await tx.exerciseIdsOf(id),
      workout.completedAt!,
    );
    await tx.markHistoryChanged(userId);
    await publishDomainEvents(
      tx.manager,
      domainEvent('workout.completed', {
        userId,
        workoutId: id,
        sessionAt: workout.sessionAt.toISOString(),
        completedAt: workout.completedAt!.toISOString(),
      }),
      ...stored
        .filter((record) => record.workoutId === id)
        .map((record) =>
          domainEvent('personal-record.set', { userId, workoutId: id, recordId: record.id }),
        ),
    );
  }

  /**
   * What a completion derives, for completed workouts an import wrote in the caller's
   * transaction (`manager`): each set's e1RM and each workout's totals by the same rules, and
   * the user's personal records reconciled from the earliest imported session on. Publishes
   * nothing: the importer announces the batch (`workouts.imported`). Answers the imported
   * span (earliest start, latest end), null for no workout.
   */
  async deriveImported(
    manager: EntityManager,
    userId: string,
    workoutIds: string[],
  ): Promise<{ from: Date; to: Date } | null> {
    if (workoutIds.length === 0) return null;
    const tx = new WorkoutsRepository(manager);
    const records = this.records.withManager(manager);
    await records.lockHistory(userId);
    const sets = await tx.setsOf(workoutIds);
    await tx.storeE1rms(
      sets.map((set) => set.id),
      sets.map((set) => storedE1rm(set)),
    );
    await tx.recordTotals(workoutIds);
    const span = await tx.spanOf(workoutIds);
    if (!span) return null;
    await records.reconcile(userId, span.exerciseIds, span.from);
    await tx.markHistoryChanged(userId);
    return { from: span.from, to: span.to };
  }

  /** 404 when the workout is not the caller's; else the 409 for an action its status forbids. */
  private async illegalTransition(
    tx: WorkoutsRepository,
    userId: string,
    id: string,
    action: WorkoutAction,
    unit: WeightUnit,
  ): Promise<ProblemException> {
    const current = await this.access.detail(tx, userId, id, unit);
    const allowed = allowedActions(current.status);
    return WorkoutProblems.illegalTransition.exception(
      `Cannot ${action} a workout that is ${current.status}.`,
      { workoutStatus: current.status, action, allowedActions: allowed, current },
    );
  }

  /** The content sent with a new workout: usable exercises, once each, weights in bounds. */
  private async checkLoggedContent(
    userId: string,
    exercises: LoggedExerciseDto[],
    unit: WeightUnit,
  ): Promise<void> {
    const usable = await this.exercises.findUsable(
      userId,
      exercises.map((item) => item.exerciseId),
    );
    assertValid(loggedContentErrors(exercises, usable, unit));
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
    const [e1rms, last] = await Promise.all([
      this.records.bestE1rms(userId, exercisesNeedingE1rm(day)),
      this.workouts.lastCompletedOfTemplateDay(userId, templateId, dayIndex),
    ]);
    const context = {
      userId,
      unit,
      writtenIn: template.writtenWeightUnit,
      e1rms,
      last: lastExercises(last),
    };
    return {
      templateId,
      dayIndex,
      name: `${template.name}: ${day.name}`.slice(0, WORKOUT_LIMITS.name),
      notes: day.notes,
      build: (workoutId) => planFromTemplateDay(day, { ...context, workoutId }),
    };
  }
}

/**
 * The exercises of the last completed session of a template day as progression judges them:
 * per exercise, its progression step and its planned working sets in order (sets from the
 * template, warm-ups and sets added by hand left out).
 */
function lastExercises(last: Workout | null): Map<string, LastExercise> {
  const byExercise = new Map<string, LastExercise>();
  for (const item of last?.exercises ?? []) {
    byExercise.set(item.exerciseId, {
      workoutId: last!.id,
      step: item.progressionStep,
      sets: item
        .sets!.filter((set) => set.plannedRepsMin !== null && set.setType !== SetType.WarmUp)
        .map((set) => ({
          plannedRepsMin: set.plannedRepsMin,
          plannedRepsMax: set.plannedRepsMax,
          plannedWeightKg: numeric(set.plannedWeightKg),
          completed: set.completed,
          reps: set.reps,
          weightKg: numeric(set.weightKg),
        })),
    });
  }
  return byExercise;
}

/**
 * A session's start and end as a client sets them: the end after the start, at most
 * WORKOUT_LIMITS.sessionHours later (bounds to 2000 and now are the DTO's). `field` names the
 * value the client sent.
 */
function sessionErrors(startedAt: Date, completedAt: Date, field: string): FieldError[] {
  if (completedAt <= startedAt) {
    return [{ field, messages: ['completedAt must be after startedAt'] }];
  }
  if (completedAt.getTime() - startedAt.getTime() > MAX_SESSION_MS) {
    return [
      {
        field,
        messages: [
          `a session lasts at most ${WORKOUT_LIMITS.sessionHours} hours: completedAt must be at most ${WORKOUT_LIMITS.sessionHours} hours after startedAt`,
        ],
      },
    ];
  }
  return [];
}

/** A running session's corrected start: not after its current pause. */
function runningStartErrors(startedAt: Date, pausedAt: Date | null): FieldError[] {
  if (pausedAt && startedAt > pausedAt) {
    return [{ field: 'startedAt', messages: ['startedAt must not be after the current pause'] }];
  }
  return [];
}
