import { z } from 'zod';
import type { ChatRequest } from '../ai/ai.service';
import type { CatalogueExercise } from '../exercises/exercises.service';
import { equipmentOf, MovementPattern } from './movement-patterns';
import {
  dayMinutes,
  describePlan,
  eligibleExercises,
  GeneratedPlan,
  PLAN_LIMITS,
  planSources,
  planName,
  PlanSpec,
  progressionFor,
  rankedByPattern,
  weeklySetsOf,
} from './plan-builder';
import { GOAL_RULES, prescriptionFor } from './plan-rules';
import { PRESCRIPTION_LIMITS, validatePlan } from './plan-validation';

/** Candidates of each pattern shown to the model (bounds the prompt: about 100 exercises). */
export const CANDIDATES_PER_PATTERN = 8;

/** What the model must answer: the days and their exercises, numbers only where they belong. */
export const MODEL_PLAN_SCHEMA = z.strictObject({
  days: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(PRESCRIPTION_LIMITS.dayName),
        rationale: z.string().min(1).max(PRESCRIPTION_LIMITS.rationale),
        exercises: z
          .array(
            z.strictObject({
              exerciseId: z.string(),
              sets: z.number().int(),
              repsMin: z.number().int(),
              repsMax: z.number().int(),
              rpeTarget: z.number().nullable(),
              rirTarget: z.number().int().nullable(),
              restSeconds: z.number().int(),
            }),
          )
          .min(1)
          .max(PLAN_LIMITS.exercisesPerDay),
      }),
    )
    .min(PLAN_LIMITS.daysPerWeek.min)
    .max(PLAN_LIMITS.daysPerWeek.max),
});

/** The JSON schema sent as `response_format` (strict: every field required, no others). */
export function modelPlanJsonSchema(): Record<string, unknown> {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(MODEL_PLAN_SCHEMA) as Record<
    string,
    unknown
  >;
  return schema;
}

const SYSTEM_PROMPT = [
  'You are a strength and conditioning coach writing a weekly resistance-training plan.',
  'Answer with one JSON object that matches the given JSON schema, and nothing else.',
  'Use only exerciseId values from the "candidates" list; never invent an id.',
  'Write exactly "daysPerWeek" days. Each day must fit in "sessionMinutes" including a five-minute warm-up:',
  'a set takes about forty seconds plus its rest, and each exercise ninety seconds to set up.',
  'Balance pushing and pulling, knee- and hip-dominant lower-body work, and the major muscles across the week.',
  'Follow the "guidance" for sets, reps, effort and rest; give either rpeTarget (in half points) or rirTarget, not both.',
  'Give each day a short rationale (under five hundred characters). No medical advice.',
].join('\n');

/**
 * The plan as a structured question to the model: the request, the limits, the goal's
 * guidance and the candidate exercises (those the user may use, best first per pattern).
 * `parse` accepts only an answer that passes the schema and validatePlan; the progression
 * rules, names and totals are then filled in by the rules, never taken from the model.
 */
export function planChatRequest(
  spec: PlanSpec,
  catalogue: ReadonlyMap<string, CatalogueExercise>,
): ChatRequest<GeneratedPlan> {
  const eligible = eligibleExercises(spec, [...catalogue.values()]);
  const ranked = rankedByPattern(spec, eligible);
  const candidates = [...ranked.values()].flatMap((list) =>
    list.slice(0, CANDIDATES_PER_PATTERN).map((e) => ({
      exerciseId: e.id,
      name: e.name,
      pattern: e.pattern,
      equipment: equipmentOf(e),
      mechanic: e.mechanic,
      primaryMuscles: e.primaryMuscles,
    })),
  );
  const user = {
    request: {
      goal: spec.goal,
      level: spec.level,
      daysPerWeek: spec.daysPerWeek,
      sessionMinutes: spec.sessionMinutes,
    },
    guidance: {
      mainLifts: prescriptionFor(spec.goal, spec.level, true),
      accessories: prescriptionFor(spec.goal, spec.level, false),
      weeklySetsPerMuscle: GOAL_RULES[spec.goal].weeklySets[spec.level],
      why: GOAL_RULES[spec.goal].why,
    },
    limits: PRESCRIPTION_LIMITS,
    candidates,
  };
  return {
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: JSON.stringify(user) },
    ],
    responseFormat: {
      type: 'json_schema',
      json_schema: { name: 'workout_plan', strict: true, schema: modelPlanJsonSchema() },
    },
    parse: (content) => parseModelPlan(content, spec, catalogue),
    // An invalid answer is asked again once, then the local rules answer (docs/ai-coach.md).
    attempts: 2,
    temperature: 0.3,
  };
}

/** The model's answer as a plan, or an Error saying why it may not be stored. */
export function parseModelPlan(
  content: string,
  spec: PlanSpec,
  catalogue: ReadonlyMap<string, CatalogueExercise>,
): GeneratedPlan {
  const text = content
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('the answer is not JSON');
  }
  const parsed = MODEL_PLAN_SCHEMA.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `the answer does not match the schema: ${issue.path.join('.')} ${issue.message}`,
    );
  }
  const eligible = eligibleExercises(spec, [...catalogue.values()]);
  const days = parsed.data.days.map((day) => {
    const exercises = day.exercises.map((item) => {
      const exercise = catalogue.get(item.exerciseId);
      const pattern = eligible.get(item.exerciseId)?.pattern ?? MovementPattern.Other;
      const equipment = exercise ? equipmentOf(exercise) : equipmentOf({ equipment: null });
      return {
        exerciseId: item.exerciseId,
        name: exercise?.name ?? item.exerciseId,
        pattern,
        equipment,
        prescription: {
          sets: item.sets,
          repsMin: item.repsMin,
          repsMax: item.repsMax,
          rpeTarget: item.rpeTarget,
          rirTarget: item.rirTarget,
          restSeconds: item.restSeconds,
        },
        progression: progressionFor(spec, pattern, equipment),
      };
    });
    return {
      name: day.name,
      rationale: day.rationale,
      estimatedMinutes: dayMinutes(exercises),
      exercises,
    };
  });
  const plan: GeneratedPlan = {
    name: planName(spec),
    description: describePlan(spec),
    goal: spec.goal,
    level: spec.level,
    daysPerWeek: spec.daysPerWeek,
    sessionMinutes: spec.sessionMinutes,
    days,
    weeklySets: weeklySetsOf(days, catalogue),
    sources: planSources(),
  };
  const errors = validatePlan(plan, spec, catalogue);
  if (errors.length > 0) {
    throw new Error(`the plan is invalid: ${errors.slice(0, 3).join('; ')}`);
  }
  return plan;
}
