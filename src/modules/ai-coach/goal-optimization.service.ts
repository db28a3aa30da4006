import { Injectable } from '@nestjs/common';
import { ValidationProblem } from '../../common/errors/domain-errors';
import { fromKilograms, toKilograms, WeightUnit } from '../../common/units/weight-unit';
import { AiQuotaService } from '../ai/ai-quota.service';
import { AiService } from '../ai/ai.service';
import { ExercisesService } from '../exercises/exercises.service';
import { GoalsService } from '../goals/goals.service';
import { UsersService } from '../users/users.service';
import { GoalOptimizationDto, GoalOptimizeDto } from './dto/goal-optimize.dto';
import {
  forecastBodyWeight,
  forecastStrength,
  ForecastMetric,
  GOAL_SOURCES,
} from './goal-forecast';
import { GoalHistoryRepository } from './goal-history.repository';

/** The local provider's name in the ledger. */
export const GOAL_RULES_MODEL = 'fitai-goal-rules-1';
const DEFAULT_WEEKS = 12;

/**
 * Goal optimisation (docs/ai-coach.md, "Goal optimisation"): whether a target and date are
 * realistic from the user's own trend, and a proposed target and date with a band and
 * milestones. Values in the user's weight unit; computed in kilograms.
 */
@Injectable()
export class GoalOptimizationService {
  constructor(
    private readonly history: GoalHistoryRepository,
    private readonly goals: GoalsService,
    private readonly exercises: ExercisesService,
    private readonly users: UsersService,
    private readonly ai: AiService,
    private readonly quota: AiQuotaService,
  ) {}

  async optimize(userId: string, dto: GoalOptimizeDto): Promise<GoalOptimizationDto> {
    const { weightUnit } = await this.users.preferencesOf(userId);
    const goal = await this.resolve(userId, dto);
    await this.quota.consume(userId, 'goal_optimization');
    const now = new Date();
    const points =
      goal.metric === 'e1rm'
        ? await this.history.weeklyBestE1rm(userId, goal.exerciseId!)
        : await this.history.bodyWeights(userId);
    const targetKg = toKilograms(goal.target, weightUnit);
    const date = new Date(`${goal.targetDate}T00:00:00Z`);
    const { value: forecast } = await this.ai.run({
      userId,
      feature: 'goal_optimization',
      localModel: GOAL_RULES_MODEL,
      local: () =>
        goal.metric === 'e1rm'
          ? forecastStrength(points, targetKg, date, now)
          : forecastBodyWeight(points, targetKg, date, now),
    });
    const inUnit = (kg: number) => fromKilograms(kg, weightUnit);
    const perWeek = (kg: number | null) =>
      kg === null ? null : Math.round(inUnit(kg) * 100) / 100;
    return {
      metric: goal.metric,
      goalId: goal.goalId,
      exerciseId: goal.exerciseId,
      unit: weightUnit === WeightUnit.Pound ? 'lb' : 'kg',
      current: forecast.currentKg === null ? null : inUnit(forecast.currentKg),
      target: goal.target,
      targetDate: goal.targetDate,
      trendPerWeek: perWeek(forecast.trendKgPerWeek),
      requiredPerWeek: perWeek(forecast.requiredKgPerWeek),
      realistic: forecast.realistic,
      verdict: forecast.verdict,
      proposedTarget: forecast.proposedTargetKg && {
        value: inUnit(forecast.proposedTargetKg.value),
        low: inUnit(forecast.proposedTargetKg.low),
        high: inUnit(forecast.proposedTargetKg.high),
      },
      proposedDate: forecast.proposedDate,
      milestones: forecast.milestones.map((m) => ({ date: m.date, value: inUnit(m.kg) })),
      basis: forecast.basis,
      sources: [...GOAL_SOURCES],
    };
  }

  /** The goal to judge: an existing one of the user's (404 otherwise), or the new one sent. */
  private async resolve(
    userId: string,
    dto: GoalOptimizeDto,
  ): Promise<{
    metric: ForecastMetric;
    goalId: string | null;
    exerciseId: string | null;
    target: number;
    targetDate: string;
  }> {
    const defaultDate = () =>
      new Date(Date.now() + DEFAULT_WEEKS * 7 * 86_400_000).toISOString().slice(0, 10);
    if (dto.goalId) {
      const goal = await this.goals.get(userId, dto.goalId);
      if (goal.metric !== 'e1rm' && goal.metric !== 'body_weight') {
        throw new ValidationProblem([
          { field: 'goalId', messages: ['goal optimisation handles e1rm and body_weight goals'] },
        ]);
      }
      return {
        metric: goal.metric,
        goalId: goal.id,
        exerciseId: goal.exerciseId,
        // The goal answers in the reader's unit already.
        target: goal.target,
        targetDate: dto.targetDate ?? goal.deadline ?? defaultDate(),
      };
    }
    const errors: { field: string; messages: string[] }[] = [];
    if (!dto.metric)
      errors.push({ field: 'metric', messages: ['metric is required without goalId'] });
    if (dto.target === undefined)
      errors.push({ field: 'target', messages: ['target is required without goalId'] });
    if (dto.metric === 'e1rm' && !dto.exerciseId) {
      errors.push({ field: 'exerciseId', messages: ['exerciseId is required for an e1rm goal'] });
    }
    if (errors.length) throw new ValidationProblem(errors);
    if (dto.metric === 'e1rm') await this.exercises.findVisible(userId, dto.exerciseId!);
    return {
      metric: dto.metric!,
      goalId: null,
      exerciseId: dto.metric === 'e1rm' ? dto.exerciseId! : null,
      target: dto.target!,
      targetDate: dto.targetDate ?? defaultDate(),
    };
  }
}
