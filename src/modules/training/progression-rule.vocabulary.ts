/**
 * How an exercise of a template progresses from one session to the next. Stored as jsonb on
 * the template exercise (NULL means `none`); applying it is up to whoever builds the next
 * session from the template. Semantics are documented in docs/templates.md.
 */
export enum ProgressionType {
  /** Weights and reps stay as written. */
  None = 'none',
  /** Add `incrementKg` to the weighted working sets once `when` held in a session. */
  LinearLoad = 'linear_load',
}

/** When a linear_load rule fires, judged on the exercise's working (non warm-up) sets. */
export enum ProgressionTrigger {
  /** Every working set reached repsMax ("double progression"). */
  AllSetsTopOfRange = 'all_sets_top_of_range',
  /** Every working set reached at least repsMin. */
  AllSetsCompleted = 'all_sets_completed',
}

export interface NoProgression {
  type: ProgressionType.None;
}

export interface LinearLoadProgression {
  type: ProgressionType.LinearLoad;
  incrementKg: number;
  when: ProgressionTrigger;
}

export type ProgressionRule = NoProgression | LinearLoadProgression;
