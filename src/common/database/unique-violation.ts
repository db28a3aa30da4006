import { QueryFailedError } from 'typeorm';

/** PostgreSQL's unique_violation: an insert or update hit a unique index. */
const UNIQUE_VIOLATION = '23505';

/** Whether `error` is a write that a unique index refused (a duplicate to report as such). */
export function isUniqueViolation(error: unknown): error is QueryFailedError {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
  );
}
