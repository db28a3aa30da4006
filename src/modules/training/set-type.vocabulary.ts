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

/** The PostgreSQL enum's name; every entity that stores a SetType uses it. */
export const SET_TYPE_ENUM = 'set_type';
