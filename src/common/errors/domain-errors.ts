import { HttpException, HttpStatus } from '@nestjs/common';
import { FieldError } from './problem-details';

/**
 * An HttpException that names its problem type. Services throw these (or Nest's built-in
 * exceptions); the ProblemDetailsFilter turns both into application/problem+json.
 */
export class ProblemException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly problemType: string,
    readonly title: string,
    detail?: string,
    readonly extensions: Record<string, unknown> = {},
    /** Response headers that belong to the problem, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super({ title, detail }, status);
  }
}

export class ValidationProblem extends ProblemException {
  constructor(readonly fieldErrors: FieldError[]) {
    const n = fieldErrors.length;
    super(
      HttpStatus.BAD_REQUEST,
      'validation-failed',
      'Validation failed',
      `The request has ${n} invalid field${n === 1 ? '' : 's'}.`,
    );
  }
}

/**
 * Throws a ValidationProblem carrying `errors` unless there are none: for the rules a service
 * checks after the DTO (units, references, state), collected so the client sees them all.
 */
export function assertValid(errors: FieldError[]): void {
  if (errors.length > 0) throw new ValidationProblem(errors);
}
