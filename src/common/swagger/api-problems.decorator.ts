import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDetails } from '../errors/problem-details';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: malformed JSON, unknown or invalid fields (see `errors`)',
  401: 'Missing, invalid, expired or revoked access token / credentials',
  403: 'Authenticated but not allowed (role or account status)',
  404: 'Not found, or not visible to the caller',
  409: 'Conflict with the current state of the resource',
  413: 'Request body too large',
  422: 'Well-formed, but cannot be processed (see `type` and `detail`)',
  429: 'Rate limit exceeded; see the Retry-After header',
  503: 'A dependency (database, Redis) is unavailable',
};

/** Documents error answers as RFC 9457 problem details, referencing the one shared schema. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDetails),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetails) } } },
      }),
    ),
  );
}
