import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

/**
 * A path parameter that is a UUID (a resource id): parsed with ParseUUIDPipe (400 otherwise)
 * and documented as `format: uuid`, so the route and its schema cannot disagree.
 */
export function UuidParam(name: string, description?: string): ParameterDecorator {
  return (target, key, index) => {
    Param(name, ParseUUIDPipe)(target, key, index);
    const method = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (key === undefined || !method) throw new Error(`@UuidParam('${name}') decorates a method`);
    ApiParam({
      name,
      schema: { type: 'string', format: 'uuid' },
      ...(description ? { description } : {}),
    })(target, key, method);
  };
}
