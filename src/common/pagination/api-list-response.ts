import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { answering, Answering } from '../swagger/api-responses';

/** Documents a `{ items: Model[], meta: Meta }` list response. */
export function ApiListResponse<T, M>(
  model: Type<T>,
  meta: Type<M>,
  description: string,
): Answering<{ items: T[]; meta: M }> {
  return answering(
    applyDecorators(
      ApiExtraModels(meta, model),
      ApiOkResponse({
        description,
        schema: {
          type: 'object',
          required: ['items', 'meta'],
          properties: {
            items: { type: 'array', items: { $ref: getSchemaPath(model) } },
            meta: { $ref: getSchemaPath(meta) },
          },
        },
      }),
    ),
  );
}
