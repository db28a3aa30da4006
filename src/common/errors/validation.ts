import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { illFormedText } from '../validation/well-formed-text';
import { ValidationProblem } from './domain-errors';

/**
 * Flattens nested class-validator errors into `{ field: "days.0.exercises.1.reps", messages }`.
 *
 * A field that fails while it is `null` failed because null is not a value it takes (a field
 * that takes null is `@Clearable()` and skips its rules then; see docs/errors.md): that is
 * the one thing to say about it, rather than every rule a null breaks.
 */
export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
): { field: string; messages: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const messages =
      error.value === null
        ? [`${error.property} must not be null`]
        : Object.values(error.constraints ?? {});
    const own = error.constraints ? [{ field, messages }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * The one validation pipe: every string of the body, query and path first obeys the text rule
 * (no NUL, no lone surrogate; src/common/validation/well-formed-text.ts), then the DTO's
 * rules, whitelisted (unknown fields rejected), and the payload is transformed.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Custom parameter decorators (@CurrentUser) carry what the server made, not input.
    if (metadata.type !== 'custom') {
      const errors = illFormedText(value, metadata.data ?? '', metadata.type);
      if (errors.length > 0) throw new ValidationProblem(errors);
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationProblem(flattenValidationErrors(errors)),
  });
}
