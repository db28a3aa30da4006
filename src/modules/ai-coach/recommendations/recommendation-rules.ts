import type { Muscle } from '../../training/exercise-attributes.vocabulary';
import { setsPerMuscle } from '../../training/muscle-sets.vocabulary';
import { MAJOR_MUSCLES, WEEKLY_SETS_RANGE } from '../template-optimization';
import {
  ACWR_HIGH,
  ACWR_SWEET_SPOT,
  loadFeatures,
  TRAINING_LOAD_SOURCES,
  TrainingLoad,
} from '../training-load';
import { RecommendationKind } from './recommendation-kinds';

/**
 * The rules that turn a user's numbers into recommendations (docs/recommendations.md,
 * "Kinds"). Pure: the service reads the numbers (SQL aggregates, goals, templates) and stores
 * what comes out, each with the features that produced it.
 */
export type FeatureValue = number | string | null;
export type Features = Record<string, FeatureValue>;

export interface Candidate {
  kind: RecommendationKind;
  /** What it is about within its kind: a muscle, a goal id, a template id, 'acwr', 'gap'. */
  subject: string;
  title: string;
  message: string;
  /** How much it matters, 0–1, before the user's preference for the kind. */
  priority: number;
  features: Features;
  sources: string[];
}

export interface RecommendationInputs {
  asOf: Date;
  load: TrainingLoad;
  /** Working sets per exercise over the last WINDOW_DAYS days. */
  setsByExercise: { exerciseId: string; sets: number }[];
  muscles: ReadonlyMap<string, { primaryMuscles: Muscle[]; secondaryMuscles: Muscle[] }>;
  sessions: {
    /** Completed sessions in the last WINDOW_DAYS days, and how many came from a template. */
    last28: number;
    fromTemplate28: number;
    /** Completed sessions in the last BASELINE_DAYS days. */
    last56: number;
    lastSessionAt: Date | null;
  };
  goals: {
    id: string;
    title: string;
    /** 0–100. */
    progress: number;
    createdAt: Date;
    /** YYYY-MM-DD, or null without a deadline. */
    deadline: string | null;
  }[];
  /** A public template that fits the user's level, equipment and frequency, if any. */
  template: {
    id: string;
    name: string;
    level: string;
    daysPerWeek: number;
    rating: number | null;
  } | null;
}

export const WINDOW_DAYS = 28;
export const BASELINE_DAYS = 56;
/** Sessions in the window before the volume per muscle is judged (about one a week). */
export const MIN_SESSIONS_FOR_VOLUME = 4;
/** Goal pace: warn when progress trails the elapsed share of the time by this much. */
export const GOAL_PACE_SLACK = 0.2;

export const VOLUME_SOURCE =
  'Schoenfeld B.J., Ogborn D., Krieger J.W. (2017) Dose-response relationship between weekly resistance training volume and increases in muscle mass. J Sports Sci 35(11):1073-1082';
export const CONSISTENCY_SOURCE =
  'American College of Sports Medicine (2009) Progression models in resistance training for healthy adults. Med Sci Sports Exerc 41(3):687-708';

const DAY_MS = 86_400_000;
const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;
const clamp01 = (value: number) => Math.max(0, Math.min(1, value));

export function recommend(inputs: RecommendationInputs): Candidate[] {
  return [
    ...trainingLoadRule(inputs),
    ...underTrainedMuscles(inputs),
    ...consistencyRule(inputs),
    ...goalPaceRule(inputs),
    ...templateRule(inputs),
  ];
}

/** Weekly working sets per major muscle over the window (counted by setsPerMuscle). */
export function weeklySetsPerMuscle(
  setsByExercise: RecommendationInputs['setsByExercise'],
  muscles: RecommendationInputs['muscles'],
): Map<Muscle, number> {
  const weeks = WINDOW_DAYS / 7;
  const sets = setsPerMuscle(setsByExercise, muscles);
  return new Map(MAJOR_MUSCLES.map((m) => [m, (sets.get(m) ?? 0) / weeks]));
}

function trainingLoadRule({ load }: RecommendationInputs): Candidate[] {
  if (load.zone !== 'high' && load.zone !== 'caution') return [];
  const high = load.zone === 'high';
  return [
    {
      kind: RecommendationKind.TrainingLoad,
      subject: 'acwr',
      title: high ? 'Training load is spiking: plan a deload' : 'Training load is climbing fast',
      message: high
        ? `Your last 7 days carried ${load.acuteLoad} AU of load (session RPE × minutes) against ${load.chronicWeeklyLoad} AU a week over the last 28: an acute:chronic ratio of ${load.acwr}, above ${ACWR_HIGH}, where injury risk rises sharply. Take a deload week: about 10 % lighter, one RPE easier, or a session fewer.`
        : `Your acute:chronic load ratio is ${load.acwr} (${load.acuteLoad} AU this week against ${load.chronicWeeklyLoad} AU a week over 28 days), above the ${ACWR_SWEET_SPOT[0]}–${ACWR_SWEET_SPOT[1]} sweet spot: hold the load steady this week rather than add more.`,
      priority: high ? 0.95 : 0.6,
      features: loadFeatures(load),
      sources: [...TRAINING_LOAD_SOURCES],
    },
  ];
}

function underTrainedMuscles({
  sessions,
  setsByExercise,
  muscles,
}: RecommendationInputs): Candidate[] {
  if (sessions.last28 < MIN_SESSIONS_FOR_VOLUME) return [];
  const [min, max] = WEEKLY_SETS_RANGE;
  const candidates: Candidate[] = [];
  for (const [muscle, weekly] of weeklySetsPerMuscle(setsByExercise, muscles)) {
    if (weekly >= min) continue;
    candidates.push({
      kind: RecommendationKind.UnderTrainedMuscle,
      subject: muscle,
      title: `Your ${muscle} get little work`,
      message: `${muscle} got ${round(weekly)} working sets a week over the last ${WINDOW_DAYS} days, under the ${min}–${max} sets a week where muscle growth responds to volume (Schoenfeld et al. 2017). Add ${Math.ceil(min - weekly)} set(s) a week for them.`,
      priority: round(0.3 + 0.5 * clamp01(1 - weekly / min), 3),
      features: {
        muscle,
        weeklySets: round(weekly, 2),
        minWeeklySets: min,
        maxWeeklySets: max,
        windowDays: WINDOW_DAYS,
        sessions: sessions.last28,
      },
      sources: [VOLUME_SOURCE],
    });
  }
  return candidates;
}

function consistencyRule({ asOf, sessions }: RecommendationInputs): Candidate[] {
  if (!sessions.lastSessionAt) return [];
  const perWeek = sessions.last56 / (BASELINE_DAYS / 7);
  if (perWeek < 1) return [];
  const usualGapDays = 7 / perWeek;
  const daysSince = Math.floor((asOf.getTime() - sessions.lastSessionAt.getTime()) / DAY_MS);
  const threshold = Math.max(4, Math.ceil(2 * usualGapDays));
  if (daysSince < threshold) return [];
  return [
    {
      kind: RecommendationKind.Consistency,
      subject: 'gap',
      title: `${daysSince} days since your last session`,
      message: `You usually train ${round(perWeek)} times a week (one session every ${round(usualGapDays)} days), and your last session was ${daysSince} days ago. Even a short session keeps the habit and the progress: two or more sessions a week per muscle group are what the guidelines recommend (ACSM 2009).`,
      priority: round(0.4 + 0.4 * clamp01((daysSince - threshold) / threshold + 0.25), 3),
      features: {
        daysSinceLastSession: daysSince,
        sessionsPerWeek: round(perWeek, 2),
        usualGapDays: round(usualGapDays, 2),
        thresholdDays: threshold,
        sessionsLast28Days: sessions.last28,
      },
      sources: [CONSISTENCY_SOURCE],
    },
  ];
}

function goalPaceRule({ asOf, goals }: RecommendationInputs): Candidate[] {
  const candidates: Candidate[] = [];
  for (const goal of goals) {
    if (!goal.deadline) continue;
    const end = Date.parse(`${goal.deadline}T23:59:59Z`);
    const total = end - goal.createdAt.getTime();
    if (total <= 0) continue;
    const elapsed = clamp01((asOf.getTime() - goal.createdAt.getTime()) / total);
    const progress = clamp01(goal.progress / 100);
    if (elapsed < GOAL_PACE_SLACK || progress >= elapsed - GOAL_PACE_SLACK) continue;
    const daysLeft = Math.max(0, Math.ceil((end - asOf.getTime()) / DAY_MS));
    candidates.push({
      kind: RecommendationKind.GoalPace,
      subject: goal.id,
      title: `"${goal.title}" is behind pace`,
      message: `${Math.round(elapsed * 100)} % of the time to your deadline has passed but the goal is ${Math.round(progress * 100)} % done${daysLeft > 0 ? `, with ${daysLeft} days left` : ', and the deadline has passed'}. Ask for a realistic date (POST /ai/goal-optimize) or train for it more often.`,
      priority: round(0.4 + 0.5 * clamp01(elapsed - progress), 3),
      features: {
        goalId: goal.id,
        progressPercent: round(progress * 100),
        elapsedPercent: round(elapsed * 100),
        slackPercent: GOAL_PACE_SLACK * 100,
        daysLeft,
      },
      sources: [],
    });
  }
  return candidates;
}

function templateRule({ sessions, template }: RecommendationInputs): Candidate[] {
  if (!template || sessions.last28 < 2 || sessions.fromTemplate28 > 0) return [];
  return [
    {
      kind: RecommendationKind.Template,
      subject: template.id,
      title: `A plan that fits you: ${template.name}`,
      message: `Your ${sessions.last28} sessions of the last ${WINDOW_DAYS} days followed no template. "${template.name}" is a public ${template.level} plan of ${template.daysPerWeek} days a week for your equipment: a structure makes progression and volume easier to keep.`,
      priority: 0.35,
      features: {
        templateId: template.id,
        templateDaysPerWeek: template.daysPerWeek,
        templateLevel: template.level,
        templateRating: template.rating,
        sessionsLast28Days: sessions.last28,
        sessionsFromTemplate: sessions.fromTemplate28,
      },
      sources: [],
    },
  ];
}
