import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { ValidationProblem } from './domain-errors';

/** Flattens nested class-validator errors into `{ field: "days.0.exercises.1.reps", messages }`. */
export function flattenValidationErrors(
  errors: ValidationError[],
  parent = '',
): { field: string; messages: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The properties a DTO class validates: the ones the whitelist keeps. */
function validatedProperties(type: ArgumentMetadata['metatype']): Set<string> | undefined {
  if (!type) return undefined;
  const metadata = getMetadataStorage().getTargetValidationMetadatas(type, '', false, false);
  return metadata.length > 0 ? new Set(metadata.map((m) => m.propertyName)) : undefined;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * The one validation pipe: whitelist, payloads transformed; an unknown field of a body (or of a
 * path) is a 400, while unknown query parameters are dropped before anything reads them
 * (docs/errors.md, "Unknown fields"). Dropping them first also keeps a parameter named like
 * a getter of the DTO (`?offset=1` on a page query) from reaching class-transformer.
 */
class FitAiValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' && isPlainObject(value)) {
      const known = validatedProperties(metadata.metatype);
      if (known) {
        value = Object.fromEntries(Object.entries(value).filter(([key]) => known.has(key)));
      }
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new FitAiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationProblem(flattenValidationErrors(errors)),
  });
}
