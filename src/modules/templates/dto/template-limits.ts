/**
 * Bounds of a template, checked field by field (docs/templates.md lists them). They keep one
 * template to at most 10 × 20 × 20 = 4,000 sets, which fits one request body and one INSERT.
 */
export const TEMPLATE_LIMITS = {
  name: 100,
  description: 2_000,
  dayName: 60,
  notes: 500,
  days: 10,
  exercisesPerDay: 20,
  setsPerExercise: 20,
  reps: { min: 1, max: 100 },
  weightKg: { min: 0, max: 1_000 },
  percentE1rm: { min: 1, max: 110 },
  rpe: { min: 1, max: 10, step: 0.5 },
  rir: { min: 0, max: 10 },
  restSeconds: { min: 0, max: 1_800, default: 90 },
  incrementKg: { min: 0.25, max: 25, step: 0.25 },
} as const;
