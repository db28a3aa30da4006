import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
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
 * The properties each DTO class validates (the ones the whitelist keeps), read once per class:
 * decorators have run when a request arrives, so they never change.
 */
const validatedPropertiesByType = new WeakMap<object, Set<string> | undefined>();

function validatedProperties(type: ArgumentMetadata['metatype']): Set<string> | undefined {
  if (!type) return undefined;
  if (validatedPropertiesByType.has(type)) return validatedPropertiesByType.get(type);
  const metadata = getMetadataStorage().getTargetValidationMetadatas(type, '', false, false);
  const properties = metadata.length > 0 ? new Set(metadata.map((m) => m.propertyName)) : undefined;
  validatedPropertiesByType.set(type, properties);
  return properties;
}

/** The query without its unknown parameters; the same object when it has none. */
function withoutUnknown(query: Record<string, unknown>, known: Set<string>) {
  const keys = Object.keys(query);
  if (keys.every((key) => known.has(key))) return query;
  return Object.fromEntries(keys.filter((key) => known.has(key)).map((key) => [key, query[key]]));
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * The one validation pipe, in three steps:
 * 1. unknown query parameters (a cache-buster) are dropped before anything reads them, while an
 *    unknown field of a body (or of a path) stays a 400 (docs/errors.md, "Unknown fields");
 * 2. every remaining string of the body, query and path obeys the text rule (no NUL, no lone
 *    surrogate; src/common/validation/well-formed-text.ts);
 * 3. the DTO's rules, whitelisted, and the payload is transformed.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' && isPlainObject(value)) {
      const known = validatedProperties(metadata.metatype);
      if (known) value = withoutUnknown(value, known);
    }
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
