import { fromKilograms, toKilograms, WeightUnit } from '../../common/units/weight-unit';

/** PostgreSQL enum `goal_type`. */
export enum GoalType {
  Strength = 'strength',
  Body = 'body',
  Consistency = 'consistency',
}

/** PostgreSQL enum `goal_metric`; docs/goals.md says how each current value is computed. */
export enum GoalMetric {
  /** Best estimated one-rep max on the goal's exercise, kg. */
  E1rm = 'e1rm',
  /** Heaviest weight lifted on the goal's exercise, kg. */
  Weight = 'weight',
  /** Latest body weight reading, kg. */
  BodyWeight = 'body_weight',
  /** Latest body fat reading, %. */
  BodyFat = 'body_fat',
  /** Completed workouts per week, averaged over the last 4 weeks. */
  SessionsPerWeek = 'sessions_per_week',
}

/** PostgreSQL enum `goal_status`. */
export enum GoalStatus {
  Active = 'active',
  Achieved = 'achieved',
  Abandoned = 'abandoned',
}

/** The unit a goal's values are answered in. */
export enum GoalUnit {
  Kilogram = 'kg',
  Pound = 'lb',
  Percent = '%',
  SessionsPerWeek = 'sessions/week',
}

interface MetricRule {
  type: GoalType;
  /** Weights are sent and answered in the user's unit, stored in kg. */
  isWeight: boolean;
  /** Allowed targets in the stored unit. */
  min: number;
  max: number;
  /** Whether only a higher target makes sense (a body goal may go either way). */
  increasing: boolean;
}

export const METRIC_RULES: Readonly<Record<GoalMetric, MetricRule>> = {
  [GoalMetric.E1rm]: {
    type: GoalType.Strength,
    isWeight: true,
    min: 1,
    max: 1000,
    increasing: true,
  },
  [GoalMetric.Weight]: {
    type: GoalType.Strength,
    isWeight: true,
    min: 1,
    max: 1000,
    increasing: true,
  },
  [GoalMetric.BodyWeight]: {
    type: GoalType.Body,
    isWeight: true,
    min: 20,
    max: 400,
    increasing: false,
  },
  [GoalMetric.BodyFat]: {
    type: GoalType.Body,
    isWeight: false,
    min: 2,
    max: 70,
    increasing: false,
  },
  [GoalMetric.SessionsPerWeek]: {
    type: GoalType.Consistency,
    isWeight: false,
    min: 1,
    max: 14,
    increasing: true,
  },
};

export function metricsOf(type: GoalType): GoalMetric[] {
  return Object.values(GoalMetric).filter((metric) => METRIC_RULES[metric].type === type);
}

export function unitOf(metric: GoalMetric, weightUnit: WeightUnit): GoalUnit {
  if (METRIC_RULES[metric].isWeight)
    return weightUnit === WeightUnit.Pound ? GoalUnit.Pound : GoalUnit.Kilogram;
  return metric === GoalMetric.BodyFat ? GoalUnit.Percent : GoalUnit.SessionsPerWeek;
}

/** A value the user sent, in the stored unit. */
export function toStoredValue(metric: GoalMetric, value: number, weightUnit: WeightUnit): number {
  return METRIC_RULES[metric].isWeight ? toKilograms(value, weightUnit) : value;
}

/** A stored value in the user's unit (two decimals). */
export function fromStoredValue(
  metric: GoalMetric,
  stored: number,
  weightUnit: WeightUnit,
): number {
  return METRIC_RULES[metric].isWeight
    ? fromKilograms(stored, weightUnit)
    : Math.round(stored * 100) / 100;
}
