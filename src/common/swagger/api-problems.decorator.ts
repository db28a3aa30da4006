import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, ApiResponseOptions, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem-details';
import { DocumentedProblemType } from '../errors/problem-type';
import { PROBLEMS_BY_STATUS, Problems } from '../errors/problem-types';
import { headerRef } from './headers';

const DESCRIPTIONS: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Invalid input',
  [HttpStatus.UNAUTHORIZED]: 'Not signed in, or wrong credentials',
  [HttpStatus.FORBIDDEN]: 'Signed in but not allowed',
  [HttpStatus.NOT_FOUND]: 'Not found, or not visible to the caller',
  [HttpStatus.CONFLICT]: 'Conflict with the current state of the resource',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'Request body too large',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'Request body in an unsupported encoding or charset',
  [HttpStatus.UNPROCESSABLE_ENTITY]: 'Well-formed, but cannot be processed',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Rate limit or quota exceeded; see the Retry-After header',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'A dependency (database, Redis) is unavailable',
};

/** The problem types a route documents, per route (method) or controller (class). */
const PROBLEM_TYPES = 'fitai:problemTypes';

type AnyProblemType = DocumentedProblemType;

/** A problem's documented example, without the members (openapi.ts completes them). */
function exampleOf(type: AnyProblemType) {
  return {
    type: type.uri,
    title: type.title,
    status: type.status,
    detail: type.definition.exampleDetail,
    instance: '/api/v1',
    requestId: '3f0c7c52-8f0e-4d4b-9a52-3c3f4e2b6a10',
  };
}

/**
 * The response of one status: `application/problem+json` whose schema is the one type's, or
 * one of the types' told apart by `type`; an example per type; Retry-After on a 429.
 */
export function problemResponse(status: HttpStatus, types: AnyProblemType[]): ApiResponseOptions {
  const refs = types.map((type) => ({ $ref: getSchemaPath(type.schemaName) }));
  const schema =
    refs.length === 1
      ? refs[0]
      : {
          oneOf: refs,
          discriminator: {
            propertyName: 'type',
            mapping: Object.fromEntries(
              types.map((type) => [type.uri, getSchemaPath(type.schemaName)]),
            ),
          },
        };
  const slugs = types.map((type) => `\`${type.slug}\``).join(', ');
  return {
    status,
    description: `${DESCRIPTIONS[status] ?? 'Error'} (${slugs})`,
    ...(status === HttpStatus.TOO_MANY_REQUESTS
      ? { headers: { 'Retry-After': headerRef('Retry-After') } }
      : {}),
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema,
        examples: Object.fromEntries(
          types.map((type) => [
            type.slug,
            { summary: type.definition.description, value: exampleOf(type) },
          ]),
        ),
      },
    },
  };
}

/**
 * Documents the error answers of a route (method) or of every route of a controller (class)
 * as RFC 9457 problem details: a status stands for the shared types of that status
 * (PROBLEMS_BY_STATUS), a ProblemType for itself. Several @ApiProblems on one route add up.
 * Every route is rate limited, so a 429 always includes `too-many-requests`.
 */
export function ApiProblems(
  ...items: (HttpStatus | AnyProblemType)[]
): MethodDecorator & ClassDecorator {
  const added = items.flatMap((item): AnyProblemType[] => {
    if (typeof item !== 'number') return [item];
    const shared = PROBLEMS_BY_STATUS[item];
    if (!shared) throw new Error(`@ApiProblems(${item}): name the problem types of this status`);
    return shared;
  });
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const host = (descriptor?.value ?? target) as object;
    const before = (Reflect.getOwnMetadata(PROBLEM_TYPES, host) ?? []) as AnyProblemType[];
    const all = [...new Set([...before, ...added])];
    Reflect.defineMetadata(PROBLEM_TYPES, all, host);
    const statuses = [...new Set(added.map((type) => type.status))];
    const responses = statuses.map((status) => {
      const types = all.filter((type) => type.status === status);
      if (status === HttpStatus.TOO_MANY_REQUESTS && !types.includes(Problems.tooManyRequests)) {
        types.unshift(Problems.tooManyRequests);
      }
      return types;
    });
    applyDecorators(
      ApiExtraModels(...new Set(responses.flat().map((type) => type.model))),
      ...responses.map((types) => ApiResponse(problemResponse(types[0].status, types))),
    )(target as never, key as never, descriptor as never);
  };
}
