import type {
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem-details';
import { DocumentedProblemType, ProblemType } from '../errors/problem-type';
import { Problems } from '../errors/problem-types';
import { problemResponse } from './api-problems.decorator';
import { headerRef, RESPONSE_HEADERS, ResponseHeaderName } from './headers';

/**
 * The steps that turn what @nestjs/swagger generates into the published document. Each is a
 * rule of the whole application rather than of one route, or a rewrite of an idiom of the
 * generator into plain OpenAPI 3.0.3 that validators, linters and client generators all read
 * the same way (docs/decisions.md, "The OpenAPI document").
 */

type Schema = SchemaObject & Partial<ReferenceObject>;
type AnyProblemType = DocumentedProblemType;

/** An operation's rate limits (`x-rate-limits`): `default` for all, `auth` on sign-in routes. */
export const RATE_LIMITS_EXTENSION = 'x-rate-limits';

const RATE_LIMIT_HEADERS: Record<string, ResponseHeaderName[]> = {
  default: ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'],
  auth: ['X-RateLimit-Limit-auth', 'X-RateLimit-Remaining-auth', 'X-RateLimit-Reset-auth'],
};

/**
 * The problem types of the body rules (src/common/http/json-body.ts and the body parser). They
 * read the body of any request that has one, whatever the route: a GET sent a text body gets
 * a 415 too.
 */
const BODY_PROBLEMS = [
  Problems.malformedJson,
  Problems.jsonTooDeep,
  Problems.payloadTooLarge,
  Problems.unsupportedMediaType,
  Problems.unsupportedEncoding,
  Problems.unsupportedCharset,
];

/** Models the post-processing may reference: pass them to SwaggerModule.createDocument. */
export const DOCUMENT_MODELS = BODY_PROBLEMS.map((type) => type.model);

const EXAMPLE_ID = '3f0c7c52-8f0e-4d4b-9a52-3c3f4e2b6a10';

function operationsOf(document: OpenAPIObject): [string, string, OperationObject][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(
        ([, operation]) => !!operation && typeof operation === 'object' && 'responses' in operation,
      )
      .map(([method, operation]): [string, string, OperationObject] => [
        path,
        method,
        operation as OperationObject,
      ]),
  );
}

function schemaName(ref: string): string {
  return ref.replace('#/components/schemas/', '');
}

/** Applies `visit` to every schema object in the tree below `node`, children first. */
function rewriteSchemas(node: unknown, visit: (schema: Schema) => Schema): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteSchemas(item, visit));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === 'example' || key === 'examples' || key === 'enum' || key === 'default'
        ? value
        : rewriteSchemas(value, visit);
  }
  return visit(out as Schema);
}

/**
 * Nest's idioms in plain OpenAPI 3.0.3:
 * - a nullable reference (`nullable` beside `allOf: [$ref]`, which 3.0 ignores for lack of a
 *   `type`) becomes `oneOf: [$ref, null]`, null being `{type, nullable: true, enum: [null]}`;
 * - `allOf` of a single reference and nothing else becomes the reference itself.
 */
export function normalizeSchemas(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const typeOf = (ref: string) => schemas[schemaName(ref)]?.type ?? 'object';
  const visit = (schema: Schema): Schema => {
    const single =
      Array.isArray(schema.allOf) && schema.allOf.length === 1 && '$ref' in schema.allOf[0]
        ? (schema.allOf[0] as ReferenceObject).$ref
        : undefined;
    if (!single) return schema;
    const { allOf: _allOf, nullable, type: _type, ...rest } = schema;
    if (nullable) {
      return {
        ...rest,
        oneOf: [{ $ref: single }, { type: typeOf(single), nullable: true, enum: [null] }],
      } as Schema;
    }
    return Object.keys(rest).length === 0
      ? { $ref: single }
      : { ...rest, allOf: [{ $ref: single }] };
  };
  if (document.components?.schemas) {
    document.components.schemas = rewriteSchemas(document.components.schemas, visit) as Record<
      string,
      Schema
    >;
  }
  document.paths = rewriteSchemas(document.paths, visit) as OpenAPIObject['paths'];
}

/** The problem types a problem response lists (its schema is one type's or a oneOf of them). */
function problemTypesOf(response: ResponseObject | undefined): AnyProblemType[] {
  const schema = response?.content?.[PROBLEM_CONTENT_TYPE]?.schema as Schema | undefined;
  if (!schema) return [];
  const refs = schema.$ref ? [schema.$ref] : (schema.oneOf ?? []).map((s) => (s as Schema).$ref);
  return refs
    .map((ref) => (ref ? ProblemType.named(schemaName(ref)) : undefined))
    .filter((type): type is AnyProblemType => !!type);
}

function toResponseObject(types: AnyProblemType[]): ResponseObject {
  const { status: _status, ...response } = problemResponse(
    types[0].status,
    types,
  ) as ResponseObject & {
    status: unknown;
  };
  return response;
}

/** Every route answers the body rules' problems (400, 413, 415): any request may carry a body. */
export function documentBodyProblems(document: OpenAPIObject): void {
  for (const [, , operation] of operationsOf(document)) {
    const responses = operation.responses as Record<string, ResponseObject>;
    for (const added of BODY_PROBLEMS) {
      const status = String(added.status);
      const types = problemTypesOf(responses[status]);
      if (types.includes(added)) continue;
      responses[status] = toResponseObject([...types, added]);
    }
  }
}

/**
 * The rate limiter answers on every route (a global guard): its headers on every response of
 * an operation, and the `auth` limiter's too where `x-rate-limits` names it.
 */
export function documentRateLimitHeaders(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.headers = { ...RESPONSE_HEADERS };
  for (const [, , operation] of operationsOf(document)) {
    const extended = operation as OperationObject & { [RATE_LIMITS_EXTENSION]?: string[] };
    const limits = extended[RATE_LIMITS_EXTENSION] ?? ['default'];
    extended[RATE_LIMITS_EXTENSION] = limits;
    for (const response of Object.values(operation.responses) as ResponseObject[]) {
      response.headers ??= {};
      for (const name of limits.flatMap((limit) => RATE_LIMIT_HEADERS[limit] ?? [])) {
        response.headers[name] ??= headerRef(name);
      }
    }
  }
}

/** Value of a path parameter in an example: a UUID for ids, the first value of an enum. */
function exampleParameter(operation: OperationObject, name: string, document: OpenAPIObject) {
  const parameter = (operation.parameters ?? []).find(
    (p) => 'name' in p && p.name === name && p.in === 'path',
  ) as { schema?: Schema } | undefined;
  const value = parameter?.schema ? exampleFor(parameter.schema, document) : EXAMPLE_ID;
  return typeof value === 'string' ? value : EXAMPLE_ID;
}

/**
 * Problem examples name the operation's own path as `instance`, and carry every required
 * member of their type (built from the members' schemas and examples).
 */
export function completeProblemExamples(document: OpenAPIObject): void {
  for (const [path, , operation] of operationsOf(document)) {
    const instance = path.replace(/\{(\w+)\}/g, (_m, name: string) =>
      exampleParameter(operation, name, document),
    );
    for (const response of Object.values(operation.responses) as ResponseObject[]) {
      const media = response.content?.[PROBLEM_CONTENT_TYPE];
      if (!media?.examples) continue;
      for (const example of Object.values(media.examples)) {
        const value = (example as { value: Record<string, unknown> }).value;
        value.instance = instance;
        const schema = problemSchemaFor(media.schema as Schema, String(value.type), document);
        const full = schema ? (exampleFor(schema, document) as Record<string, unknown>) : {};
        for (const required of schema?.required ?? []) {
          if (!(required in value)) value[required] = full[required];
        }
      }
    }
  }
}

/** The schema, among a problem response's, whose `type` is this URN. */
function problemSchemaFor(
  schema: Schema,
  uri: string,
  document: OpenAPIObject,
): SchemaObject | undefined {
  const candidates = schema.$ref ? [schema] : ((schema.oneOf ?? []) as Schema[]);
  for (const candidate of candidates) {
    const resolved = resolve(candidate, document);
    const type = resolved?.properties?.type as SchemaObject | undefined;
    if (type?.enum?.includes(uri)) return resolved;
  }
  return undefined;
}

function resolve(schema: Schema, document: OpenAPIObject): SchemaObject | undefined {
  if (!schema.$ref) return schema;
  return document.components?.schemas?.[schemaName(schema.$ref)] as SchemaObject | undefined;
}

const FORMAT_EXAMPLES: Record<string, string> = {
  uuid: EXAMPLE_ID,
  'date-time': '2026-11-20T08:00:00.000Z',
  date: '2026-11-20',
  email: 'ada@example.com',
  uri: 'https://fitai.example/',
};

/**
 * An example value of a schema: its own `example`, else one built from its parts, the first
 * enum value, or a plain value of its type and format.
 */
export function exampleFor(schema: Schema, document: OpenAPIObject, depth = 0): unknown {
  if (depth > 12) return null;
  if (schema.$ref) {
    const target = resolve(schema, document);
    return target ? exampleFor(target, document, depth + 1) : null;
  }
  if (schema.example !== undefined) return schema.example;
  const first = (schema.oneOf ?? schema.anyOf)?.[0];
  if (first) return exampleFor(first as Schema, document, depth + 1);
  if (schema.allOf) {
    const parts = schema.allOf.map((part) => exampleFor(part as Schema, document, depth + 1));
    const objects = parts.every(
      (part) => !!part && typeof part === 'object' && !Array.isArray(part),
    );
    return parts.length === 1 || !objects ? parts[0] : Object.assign({}, ...parts);
  }
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, property]) => [
          name,
          exampleFor(property as Schema, document, depth + 1),
        ]),
      );
    case 'array':
      return schema.items ? [exampleFor(schema.items as Schema, document, depth + 1)] : [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return true;
    case 'string':
      return (schema.format && FORMAT_EXAMPLES[schema.format]) ?? 'string';
    default:
      return null;
  }
}

/** Every step above, in order. */
export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  normalizeSchemas(document);
  documentBodyProblems(document);
  documentRateLimitHeaders(document);
  completeProblemExamples(document);
  return document;
}
