import { SetType } from './set-type.vocabulary';

/**
 * What counts as training wherever sets are added up (totals, personal records, progress,
 * goals, recommendations): a completed set that is not a warm-up. One rule, in its
 * TypeScript and SQL forms.
 */
export function isWorkingSet(set: { completed: boolean; setType: SetType }): boolean {
  return set.completed && set.setType !== SetType.WarmUp;
}

/** The same rule as an SQL condition on `workout_sets`, optionally through a table alias. */
export function workingSetSql(alias?: string): string {
  const column = alias ? `${alias}.` : '';
  return `${column}completed AND ${column}set_type <> '${SetType.WarmUp}'`;
}
