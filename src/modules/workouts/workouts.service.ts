import { Injectable, NotFoundException } from '@nestjs/common';
import { ProblemException, ValidationProblem } from '../../common/errors/domain-errors';
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
import { TemplatesService } from '../templates/templates.service';
import { CreateWorkoutDto } from './dto/create-workout.dto';
import { ListWorkoutsQueryDto } from './dto/list-workouts-query.dto';
import { UpdateWorkoutDto } from './dto/update-workout.dto';
import { WorkoutDto, WorkoutSummaryDto } from './dto/workout.dto';
import { WORKOUT_LIMITS } from './dto/workout-fields';
import { PersonalRecordsRepository } from './personal-records.repository';
import { WorkoutAccess } from './workout-access';
import { WorkoutProblems } from './workout-problems';
import { exercisesNeedingE1rm, planFromTemplateDay, PlannedRows } from './workout-plan';
import { allowedActions, WorkoutAction, WorkoutStatus } from './workout-state';
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
  ) {}

  /**
   * With an Idempotency-Key, a retry answers the workout created first (200) without reading
   * the template again; a retry whose workout was deleted since is a 404.
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
    const plan =
      dto.templateId === undefined
        ? null
        : await this.templatePlan(userId, dto.templateId, dto.dayIndex ?? 0, unit);
    const outcome = await this.workouts.inTransaction((tx) =>
      createOnce(tx.manager, idempotent, async () => {
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
      }),
    );
    return this.answer(userId, outcome, unit);
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

  async get(userId: string, id: string): Promise<WorkoutDto> {
    return this.access.detail(this.workouts, userId, id, await this.access.unitOf(userId));
  }

  /**
   * Name, notes and schedule, in any state (they change no totals). `version` must be current.
   * While planned, a new schedule also moves the workout in the history.
   */
  async update(userId: string, id: string, dto: UpdateWorkoutDto): Promise<WorkoutDto> {
    const unit = await this.access.unitOf(userId);
    return this.workouts.inTransaction(async (tx) => {
      const workout = await this.access.lockForChange(tx, userId, id, dto.version, unit);
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
      return this.access.detail(tx, userId, id, unit);
    });
  }

  /** In any state; a completed workout's records go with it. */
  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.workouts.deleteOwned(userId, id))) throw this.access.notFound();
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
    return this.access.detail(this.workouts, userId, id, unit);
  }

  /**
   * One transaction: the transition (duration, an open pause closed), the totals, and the
   * personal records against the user's other completed workouts. A second completion is an
   * illegal transition (409) and changes nothing. `workout.completed` and one
   * `personal-record.set` per record are published in the same transaction.
   */
  async complete(userId: string, id: string): Promise<WorkoutDto> {
    const unit = await this.access.unitOf(userId);
    await this.workouts.inTransaction(async (tx) => {
      const records = this.records.withManager(tx.manager);
      await records.lockHistory(userId);
      if (!(await tx.applyTransition(userId, id, WorkoutAction.Complete))) {
        throw await this.illegalTransition(tx, userId, id, WorkoutAction.Complete, unit);
      }
      await tx.recordTotals(id);
      const recordIds = await records.detect(userId, id);
      await publishDomainEvents(
        tx.manager,
        domainEvent('workout.completed', { userId, workoutId: id }),
        ...recordIds.map((recordId) =>
          domainEvent('personal-record.set', { userId, workoutId: id, recordId }),
        ),
      );
    });
    return this.access.detail(this.workouts, userId, id, unit);
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
}
