import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/** Documents a `{ items: Model[], meta: Meta }` list response. */
export function ApiListResponse(model: Type<unknown>, meta: Type<unknown>, description: string) {
  return applyDecorators(
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
  );
}
