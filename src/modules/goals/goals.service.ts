import { Injectable, NotFoundException } from '@nestjs/common';
import { assertValid, ProblemException } from '../../common/errors/domain-errors';
import { FieldError } from '../../common/errors/problem-details';
import { CursorPage, toCursorPage } from '../../common/pagination/cursor';
import { keysetOf } from '../../common/pagination/cursor-query.dto';
import { LocalDayRange } from '../../common/time/local-day-range';
import { WeightUnit } from '../../common/units/weight-unit';
import { DomainEvent, domainEvent } from '../../infrastructure/events/domain-event-catalogue';
import { publishDomainEvents } from '../../infrastructure/events/publish-domain-events';
import { ExercisesService } from '../exercises/exercises.service';
import { UsersService } from '../users/users.service';
import { CreateGoalDto } from './dto/create-goal.dto';
import { GoalAnalyticsDto } from './dto/goal-analytics.dto';
import { GoalProgressDto } from './dto/goal-progress.dto';
import { GoalDto } from './dto/goal.dto';
import { ListGoalsQueryDto } from './dto/list-goals-query.dto';
import { UpdateGoalDto } from './dto/update-goal.dto';
import { Goal } from './entities/goal.entity';
import { GoalProblems } from './goal-problems';
import {
  fromStoredValue,
  GoalMetric,
  GoalStatus,
  GoalType,
  METRIC_RULES,
  metricsOf,
  toStoredValue,
  unitOf,
} from './goal-metrics';
import { newlyReachedMilestones, progressPercent } from './goal-progress';
import { GoalValuesRepository } from './goal-values.repository';
import { GoalChanges, GoalCountRow, GoalsRepository, RangeGoalCountsRow } from './goals.repository';

/** Goals: the rules of creation and change (API), and progress recomputation (worker). */
@Injectable()
export class GoalsService {
  constructor(
    private readonly goals: GoalsRepository,
    private readonly values: GoalValuesRepository,
    private readonly users: UsersService,
    private readonly exercises: ExercisesService,
  ) {}

  /**
   * For other modules (analytics): per range of local days in `timeZone`, the goals achieved
   * on its days and those active at its end.
   */
  countsByRange(
    userId: string,
    timeZone: string,
    ranges: readonly LocalDayRange[],
  ): Promise<RangeGoalCountsRow[]> {
    return this.goals.countsByRange(userId, timeZone, ranges);
  }

  /**
   * The baseline is the metric's value now. A target already met is refused (a field error
   * on `target`) rather than created achieved: it would measure nothing.
   */
  async create(userId: string, dto: CreateGoalDto): Promise<GoalDto> {
    const { weightUnit } = await this.users.preferencesOf(userId);
    const target = toStoredValue(dto.metric, dto.target, weightUnit);
    assertValid([
      ...shapeErrors(dto),
      ...targetRangeErrors(dto.metric, target),
      ...(await this.exerciseErrors(userId, dto)),
    ]);
    const exerciseId = dto.type === GoalType.Strength ? dto.exerciseId! : null;
    const now = await this.values.currentValue({ userId, metric: dto.metric, exerciseId });
    if (now === null && dto.type === GoalType.Body) {
      throw GoalProblems.noBaseline.exception(
        `Log a body reading with ${dto.metric === GoalMetric.BodyFat ? 'body fat' : 'your weight'} ` +
          '(POST /progress/body) before setting this goal: its direction depends on where you start.',
      );
    }
    // Never lifted (strength) counts from zero.
    const baseline = now ?? 0;
    assertValid(directionErrors(dto.metric, baseline, target, weightUnit));
    const goal = await this.goals.insert({
      userId,
      type: dto.type,
      metric: dto.metric,
      exerciseId,
      title: dto.title,
      targetValue: String(target),
      baselineValue: String(baseline),
      currentValue: now === null ? null : String(now),
      deadline: dto.deadline ?? null,
    });
    return GoalDto.from(goal, weightUnit);
  }

  async list(userId: string, query: ListGoalsQueryDto): Promise<CursorPage<GoalDto>> {
    const [{ weightUnit }, rows] = await Promise.all([
      this.users.preferencesOf(userId),
      this.goals.findPage(userId, {
        status: query.status,
        before: keysetOf(query),
        limit: query.limit,
      }),
    ]);
    return toCursorPage(
      rows,
      query.limit,
      (g) => ({ at: g.createdAt, id: g.id }),
      (g) => GoalDto.from(g, weightUnit),
    );
  }

  async get(userId: string, id: string): Promise<GoalDto> {
    const [{ weightUnit }, goal] = await Promise.all([
      this.users.preferencesOf(userId),
      this.owned(userId, id),
    ]);
    return GoalDto.from(goal, weightUnit);
  }

  /**
   * A new target or a resumed goal is measured again by the worker, through `goal.changed`
   * (the answer still shows the previous progress). An achieved goal keeps its target and
   * status.
   */
  async update(userId: string, id: string, dto: UpdateGoalDto): Promise<GoalDto> {
    const [{ weightUnit }, goal] = await Promise.all([
      this.users.preferencesOf(userId),
      this.owned(userId, id),
    ]);
    const changes: GoalChanges = {};
    if (dto.title !== undefined) changes.title = dto.title;
    if (dto.deadline !== undefined) changes.deadline = dto.deadline;
    if (dto.target !== undefined || (dto.status !== undefined && dto.status !== goal.status)) {
      if (goal.status === GoalStatus.Achieved) throw notActive(goal);
    }
    if (dto.status !== undefined) changes.status = dto.status;
    if (dto.target !== undefined) {
      const target = toStoredValue(goal.metric, dto.target, weightUnit);
      assertValid([
        ...targetRangeErrors(goal.metric, target),
        ...directionErrors(goal.metric, Number(goal.baselineValue), target, weightUnit),
      ]);
      changes.targetValue = String(target);
    }
    const activeAfter = (changes.status ?? goal.status) === GoalStatus.Active;
    const remeasure =
      activeAfter && (changes.targetValue !== undefined || changes.status !== undefined);
    if (Object.keys(changes).length > 0) {
      await this.goals.inTransaction(async (tx, manager) => {
        await tx.update(goal.id, changes);
        if (remeasure) {
          await publishDomainEvents(manager, domainEvent('goal.changed', { userId, goalId: id }));
        }
      });
    }
    return this.get(userId, id);
  }

  async remove(userId: string, id: string): Promise<void> {
    const goal = await this.owned(userId, id);
    await this.goals.softDelete(goal.id);
  }

  /** Marks an active goal achieved by hand; milestones stay as progress recorded them. */
  async complete(userId: string, id: string): Promise<GoalDto> {
    const goal = await this.owned(userId, id);
    const achieved = await this.goals.inTransaction(async (tx, manager) => {
      if (!(await tx.markAchieved(goal.id))) return false;
      await publishDomainEvents(manager, domainEvent('goal.achieved', { userId, goalId: id }));
      return true;
    });
    if (!achieved) throw notActive(await this.owned(userId, id));
    return this.get(userId, id);
  }

  async progress(userId: string, id: string): Promise<GoalProgressDto> {
    const [{ weightUnit }, goal] = await Promise.all([
      this.users.preferencesOf(userId),
      this.owned(userId, id),
    ]);
    return GoalProgressDto.from(goal, await this.goals.findMilestones(goal.id), weightUnit);
  }

  async analytics(userId: string): Promise<GoalAnalyticsDto> {
    const rows = await this.goals.countByTypeAndStatus(userId);
    const count = (match: (row: GoalCountRow) => boolean) =>
      rows.filter(match).reduce((sum, row) => sum + row.count, 0);
    const byStatus = Object.fromEntries(
      Object.values(GoalStatus).map((s) => [s, count((r) => r.status === s)]),
    ) as Record<GoalStatus, number>;
    const byType = Object.fromEntries(
      Object.values(GoalType).map((t) => [t, count((r) => r.type === t)]),
    ) as Record<GoalType, number>;
    const ended = byStatus.achieved + byStatus.abandoned;
    const days = rows.reduce((sum, row) => sum + row.daysToAchieve, 0);
    return {
      total: count(() => true),
      byStatus,
      byType,
      achievementRate: ended ? Math.round((byStatus.achieved / ended) * 1000) / 1000 : null,
      averageDaysToAchieve: byStatus.achieved
        ? Math.round((days / byStatus.achieved) * 10) / 10
        : null,
    };
  }

  /**
   * Worker side, when a workout, a body reading or the goal itself changed: measures every
   * active goal of the user again, records the milestones newly reached and marks goals at
   * 100 % achieved, announcing each milestone and achievement once (events published in the
   * same transaction). `at`: when the fact that moved them happened (a session's real end),
   * the instant milestones and achievements are dated (never before the goal, never after
   * now); default now. Runs of one user are serialized; a repeated run writes the same values,
   * finds the milestones recorded and the achieved goals no longer active, and announces
   * nothing. Returns the number of goals measured.
   */
  async recompute(userId: string, at?: Date): Promise<number> {
    return this.goals.inTransaction(async (tx, manager) => {
      await tx.lockProgressOf(userId);
      const goals = await tx.findActive(userId);
      const events: DomainEvent[] = [];
      for (const goal of goals) {
        const current = await this.measure(goal);
        const percent = progressPercent(
          Number(goal.baselineValue),
          current,
          Number(goal.targetValue),
        );
        const recorded = (await tx.findMilestones(goal.id)).map((m) => m.percent);
        const saved = await tx.saveProgress(goal.id, {
          current,
          percent,
          milestones: newlyReachedMilestones(percent, recorded),
          at,
        });
        const ids = { userId, goalId: goal.id };
        for (const percent of saved.recordedMilestones) {
          events.push(domainEvent('goal.milestone-reached', { ...ids, percent }));
        }
        if (saved.achieved) events.push(domainEvent('goal.achieved', ids));
      }
      await publishDomainEvents(manager, ...events);
      return goals.length;
    });
  }

  /**
   * A goal's current value. Strength: the best lift of the sessions ended since its creation,
   * never below the baseline (the best before it), so a session logged late for a date before
   * the goal moves nothing; the other metrics as they stand.
   */
  private async measure(goal: Goal): Promise<number | null> {
    if (goal.type !== GoalType.Strength) return this.values.currentValue(goal);
    const since = await this.values.currentValue({ ...goal, createdAt: goal.createdAt });
    const baseline = Number(goal.baselineValue);
    if (since === null) return baseline > 0 ? baseline : null;
    return Math.max(since, baseline);
  }

  /** Another user's goal, or a deleted one, is a 404. */
  private async owned(userId: string, id: string): Promise<Goal> {
    const goal = await this.goals.findOwned(userId, id);
    if (!goal) throw new NotFoundException('No such goal.');
    return goal;
  }

  private async exerciseErrors(userId: string, dto: CreateGoalDto): Promise<FieldError[]> {
    if (dto.type !== GoalType.Strength || !dto.exerciseId) return [];
    const usable = await this.exercises.findUsable(userId, [dto.exerciseId]);
    return usable.has(dto.exerciseId)
      ? []
      : [{ field: 'exerciseId', messages: ['exerciseId must be an exercise you can see'] }];
  }
}

/** The metric belongs to the type; an exercise for strength goals and only for them. */
function shapeErrors(dto: CreateGoalDto): FieldError[] {
  const errors: FieldError[] = [];
  const allowed = metricsOf(dto.type);
  if (!allowed.includes(dto.metric)) {
    errors.push({
      field: 'metric',
      messages: [`metric must be one of ${allowed.join(', ')} for a ${dto.type} goal`],
    });
  }
  if (dto.type === GoalType.Strength && !dto.exerciseId) {
    errors.push({ field: 'exerciseId', messages: ['exerciseId is required for a strength goal'] });
  }
  if (dto.type !== GoalType.Strength && dto.exerciseId) {
    errors.push({ field: 'exerciseId', messages: ['exerciseId is only for strength goals'] });
  }
  return errors;
}

/** The range of the metric, in the stored unit; sessions are whole. */
function targetRangeErrors(metric: GoalMetric, target: number): FieldError[] {
  const { min, max, isWeight } = METRIC_RULES[metric];
  const unit = isWeight ? ' kg' : metric === GoalMetric.BodyFat ? ' %' : '';
  if (target < min || target > max) {
    return [{ field: 'target', messages: [`target must be between ${min} and ${max}${unit}`] }];
  }
  if (metric === GoalMetric.SessionsPerWeek && !Number.isInteger(target)) {
    return [{ field: 'target', messages: ['target must be a whole number of sessions'] }];
  }
  return [];
}

/** Lifts and consistency only go up; a body goal may go either way but must go somewhere. */
function directionErrors(
  metric: GoalMetric,
  baseline: number,
  target: number,
  weightUnit: WeightUnit,
): FieldError[] {
  const shown = `${fromStoredValue(metric, baseline, weightUnit)} ${unitOf(metric, weightUnit)}`;
  if (METRIC_RULES[metric].increasing && target <= baseline) {
    return [{ field: 'target', messages: [`target must be above your current ${shown}`] }];
  }
  if (target === baseline) {
    return [{ field: 'target', messages: [`target must differ from your current ${shown}`] }];
  }
  return [];
}

function notActive(goal: Goal): ProblemException {
  return GoalProblems.notActive.exception(
    `This goal is ${goal.status}: only an active goal can be completed, and an achieved one ` +
      'keeps its target and status.',
    { goalStatus: goal.status },
  );
}
