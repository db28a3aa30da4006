import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ValidationProblem } from '../errors/domain-errors';

/** The request header a client sends to make a create safe to retry. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** 1-128 characters a client can generate anywhere (a UUID, a ULID, `device:counter`). */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** The header's value, checked: undefined when absent, a field-level 400 when malformed. */
export function checkedIdempotencyKey(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(value)) {
    throw new ValidationProblem([
      {
        field: IDEMPOTENCY_KEY_HEADER,
        messages: [`${IDEMPOTENCY_KEY_HEADER} must be 1-128 characters of A-Z a-z 0-9 . _ : -`],
      },
    ]);
  }
  return value;
}

/**
 * The request's Idempotency-Key (a route parameter decorator), validated: `undefined` when the
 * client sent none. Reads the header through the request's `headers`, which every HTTP
 * platform Nest runs on provides (lower-cased names).
 */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    const request = context
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | string[] | undefined> }>();
    return checkedIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()]);
  },
);
