/**
 * The kind of a set, shared by template prescriptions and logged workout sets (database enum
 * `set_type`). Warm-up sets count for nothing: not volume, not personal records.
 */
export enum SetType {
  WarmUp = 'warm_up',
  Normal = 'normal',
  Drop = 'drop',
  Failure = 'failure',
}
