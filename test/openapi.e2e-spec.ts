import SwaggerParser from '@apidevtools/swagger-parser';
import { Type } from '@nestjs/common';
import { PARAMTYPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { NestContainer } from '@nestjs/core';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApiDocument } from '../src/bootstrap';
import { startApi, TestApi } from './support/test-app';

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  allOf?: Schema[];
  enum?: unknown[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
};
type Response = {
  headers?: Record<string, { $ref?: string; required?: boolean }>;
  content?: Record<string, { schema?: Schema; examples?: Record<string, { value: unknown }> }>;
};
type Operation = {
  security?: unknown[];
  responses: Record<string, Response>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  parameters?: { name: string; in: string; schema?: { format?: string } }[];
  summary?: string;
};

/** Every schema object below `node`, with its JSON pointer. */
function* schemasBelow(node: unknown, at = '#'): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* schemasBelow(item, `${at}/${i}`);
    return;
  }
  if (!node || typeof node !== 'object') return;
  yield [at, node as Record<string, unknown>];
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'example' && key !== 'examples') yield* schemasBelow(value, `${at}/${key}`);
  }
}

/** Every route the server knows, as "METHOD /path/{param}" under the API prefix. */
function registeredRoutes(api: TestApi): string[] {
  return (
    api.routes
      // Fastify answers HEAD wherever it answers GET.
      .filter((route) => !route.startsWith('HEAD ') && route.split(' ')[1].startsWith('/api/v1/'))
      // The queue dashboard (Bull Board) is HTML and its own JSON, not the API (docs/admin.md).
      .filter((route) => !/^\/api\/v1\/admin\/queues\/board(\/|$)/.test(route.split(' ')[1]))
      .map((route) => route.replace(/:(\w+)/g, '{$1}'))
  );
}

/** The classes of the bodies and queries of every route, as the handlers declare them. */
function requestClasses(api: TestApi): { body: Type[]; query: Type[] } {
  const found = { body: new Set<Type>(), query: new Set<Type>() };
  const container = (api.app as unknown as { container: NestContainer }).container;
  for (const module of container.getModules().values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        const types = (Reflect.getMetadata(PARAMTYPES_METADATA, controller.prototype, method) ??
          []) as Type[];
        for (const [key, arg] of Object.entries(args)) {
          const paramtype = Number(key.split(':')[0]);
          const type = types[arg.index];
          if (arg.data !== undefined || !type?.prototype || type === Object) continue;
          if (paramtype === RouteParamtypes.BODY) found.body.add(type);
          if (paramtype === RouteParamtypes.QUERY) found.query.add(type);
        }
      }
    }
  }
  return { body: [...found.body], query: [...found.query] };
}

/**
 * What the validators of a DTO property require of its schema: a rule per validator that fixes
 * the JSON type or format, and `required` unless the property is optional (conditional
 * validation) or has a default.
 */
function validatorDisagreements(
  type: Type,
  schemaOf: (property: string) => Schema | undefined,
  required: (property: string) => boolean,
  resolve: (schema: Schema) => Schema,
): string[] {
  const problems: string[] = [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  const instance = new (type as new () => Record<string, unknown>)();
  const properties = [...new Set(metadata.map((m) => m.propertyName))];
  for (const property of properties) {
    const rules = metadata.filter((m) => m.propertyName === property);
    const names = new Set(rules.map((m) => m.name ?? m.type));
    const where = `${type.name}.${property}`;
    const declared = schemaOf(property);
    if (!declared) {
      problems.push(`${where}: validated but not documented`);
      continue;
    }
    const schema = resolve(declared);
    const items = schema.type === 'array' ? resolve((schema as { items: Schema }).items) : schema;
    const expect = (ok: boolean, what: string) => {
      if (!ok) problems.push(`${where}: ${what} (schema ${JSON.stringify(declared)})`);
    };
    if (names.has('isInt')) expect(items.type === 'integer', 'IsInt needs type integer');
    if (names.has('isNumber')) expect(items.type === 'number', 'IsNumber needs type number');
    if (names.has('isBoolean')) expect(items.type === 'boolean', 'IsBoolean needs type boolean');
    if (names.has('isUuid')) expect(items.format === 'uuid', 'IsUUID needs format uuid');
    if (names.has('isDate')) expect(items.format === 'date-time', 'IsDate needs date-time');
    if (names.has('isIso8601')) expect(items.format === 'date', 'a local date needs format date');
    if (names.has('isEnum') || names.has('isIn')) expect(!!items.enum, 'IsEnum/IsIn needs enum');
    const optional =
      rules.some((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION) ||
      instance[property] !== undefined;
    expect(required(property) === !optional, optional ? 'optional' : 'required');
    if (names.has(ValidationTypes.NESTED_VALIDATION)) {
      const nested = defaultMetadataStorage.findTypeMetadata(type, property);
      const nestedType = nested?.typeFunction() as Type | undefined;
      const ref = items.$ref ?? (declared as { items?: Schema }).items?.$ref;
      if (nestedType && ref && !nested?.options?.discriminator) {
        problems.push(...nestedDisagreements(nestedType));
      }
    }
  }
  return problems;

  function nestedDisagreements(nestedType: Type): string[] {
    return validatorDisagreements(
      nestedType,
      (property) => nestedSchema(nestedType)?.properties?.[property],
      (property) => nestedSchema(nestedType)?.required?.includes(property) ?? false,
      resolve,
    );
  }
  function nestedSchema(nestedType: Type): Schema | undefined {
    return resolve({ $ref: `#/components/schemas/${nestedType.name}` });
  }
}

describe('OpenAPI document (e2e)', () => {
  let api: TestApi;
  let document: {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, Schema>; headers: Record<string, unknown> };
  };
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op })),
    );

  beforeAll(async () => {
    api = await startApi();
    document = (await request(api.http).get('/docs-json').expect(200)).body;
  });
  afterAll(() => api.close());

  it('is a valid OpenAPI 3 document', async () => {
    expect(document).toHaveProperty('openapi', expect.stringMatching(/^3\./));
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('describes every product route the API serves', () => {
    const documented = Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const routes = registeredRoutes(api);
    expect(routes.length).toBeGreaterThanOrEqual(7);
    expect(documented.sort()).toEqual(routes.sort());
  });

  it('is the document the API builds without running (npm run lint:openapi lints that one)', async () => {
    const offline = await createApiDocument(api.config);
    expect(JSON.parse(JSON.stringify(offline))).toEqual(document);
  });

  it('gives every operation a summary, a success schema and problem+json errors', () => {
    for (const [path, ops] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect({ where, summary: !!op.summary }).toEqual({ where, summary: true });
        const codes = Object.keys(op.responses);
        // A browser redirect (social sign-in) succeeds with a documented 302 and its Location.
        const redirect = op.responses['302'];
        const success = codes.some((c) => c.startsWith('2')) || !!redirect?.headers?.Location;
        expect({ where, success }).toEqual({ where, success: true });
        for (const code of codes.filter((c) => Number(c) >= 400)) {
          const media = op.responses[code].content?.['application/problem+json'];
          expect({ where, code, problem: !!media?.schema }).toEqual({ where, code, problem: true });
        }
        expect({ where, rateLimited: codes.includes('429') }).toEqual({ where, rateLimited: true });
      }
    }
  });

  it('documents each problem type of a status with its own schema, `type` URN and example', () => {
    const slugs = new Set<string>();
    for (const { where, op } of operations()) {
      for (const [code, response] of Object.entries(op.responses)) {
        const media = response.content?.['application/problem+json'];
        if (!media) continue;
        const refs = media.schema!.$ref ? [media.schema!] : media.schema!.oneOf!;
        for (const ref of refs) {
          const schema = document.components.schemas[ref.$ref!.split('/').pop()!];
          const [uri] = schema.properties!.type.enum as string[];
          expect({ where, code, uri, status: schema.properties!.status.enum }).toEqual({
            where,
            code,
            uri: expect.stringMatching(/^urn:fitai:problem:[a-z-]+$/),
            status: [Number(code)],
          });
          const slug = uri.split(':').pop()!;
          slugs.add(slug);
          // The example of this type, with the members its schema requires.
          const example = media.examples?.[slug]?.value as Record<string, unknown> | undefined;
          expect({ where, slug, members: Object.keys(example ?? {}).sort() }).toEqual({
            where,
            slug,
            members: expect.arrayContaining([...schema.required!].sort()),
          });
        }
        if (code === '429') {
          expect({ where, retryAfter: response.headers?.['Retry-After'] }).toEqual({
            where,
            retryAfter: { $ref: '#/components/headers/Retry-After' },
          });
        }
      }
    }
    // Every problem type a client may meet is explained in docs/errors.md.
    const errorsDoc = readFileSync(path.join(__dirname, '../docs/errors.md'), 'utf8');
    const undocumented = [...slugs].filter((slug) => !errorsDoc.includes(`\`${slug}\``));
    expect(undocumented).toEqual([]);
  });

  it('states its types exactly: no untyped or empty objects, no nullable without a type', () => {
    const vague: string[] = [];
    for (const [at, schema] of schemasBelow(document.components.schemas, '#/components/schemas')) {
      if (schema.nullable && !schema.type) vague.push(`${at}: nullable without a type`);
      if (
        schema.type === 'object' &&
        !schema.properties &&
        !schema.additionalProperties &&
        !schema.enum
      ) {
        vague.push(`${at}: an object with no properties (a union type the generator missed?)`);
      }
    }
    expect(vague).toEqual([]);
  });

  it('marks every id in a path as a UUID', () => {
    for (const { where, op } of operations()) {
      for (const parameter of (op.parameters ?? []).filter((p) => p.in === 'path')) {
        // Bull's job ids are counters or names, not UUIDs (documented with their pattern).
        if (!/(^id|Id)$/.test(parameter.name) || parameter.name === 'jobId') continue;
        expect({ where, name: parameter.name, format: parameter.schema?.format }).toEqual({
          where,
          name: parameter.name,
          format: 'uuid',
        });
      }
    }
  });

  it('documents every body and query field as its validators check it', () => {
    const schemas = document.components.schemas;
    const resolve = (schema: Schema): Schema => {
      if (schema.$ref) return resolve(schemas[schema.$ref.split('/').pop()!]);
      const wrapped = (schema as { allOf?: Schema[] }).allOf;
      if (wrapped?.length === 1) return { ...resolve(wrapped[0]), ...schema, allOf: undefined };
      // A nullable reference: one of it or null.
      const [first, second] = schema.oneOf ?? [];
      if (second && (second as { nullable?: boolean }).nullable) return resolve(first);
      return schema;
    };
    const { body, query } = requestClasses(api);
    expect(body.length).toBeGreaterThan(20);
    expect(query.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const type of body) {
      const schema = schemas[type.name];
      problems.push(
        ...validatorDisagreements(
          type,
          (property) => schema?.properties?.[property],
          (property) => schema?.required?.includes(property) ?? false,
          resolve,
        ),
      );
    }
    const parameters = Object.values(document.paths).flatMap((ops) =>
      Object.values(ops).flatMap((op) => op.parameters ?? []),
    ) as { name: string; in: string; required?: boolean; schema?: Schema }[];
    for (const type of query) {
      const param = (name: string) => parameters.find((p) => p.in === 'query' && p.name === name);
      problems.push(
        ...validatorDisagreements(
          type,
          (property) => param(property)?.schema,
          (property) => param(property)?.required === true,
          resolve,
        ),
      );
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it('puts no `default` in request body schemas (generated clients would require the field)', () => {
    const seen = new Set<string>();
    const withDefault: string[] = [];
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      for (const [at, schema] of schemasBelow(document.components.schemas[name], name)) {
        if ('default' in schema) withDefault.push(at);
        if (typeof schema.$ref === 'string') visit(schema.$ref.split('/').pop()!);
      }
    };
    for (const { op } of operations()) {
      for (const media of Object.values(op.requestBody?.content ?? {})) {
        for (const [, schema] of schemasBelow(media.schema)) {
          if (typeof schema.$ref === 'string') visit(schema.$ref.split('/').pop()!);
        }
      }
    }
    expect(withDefault).toEqual([]);
  });

  it('documents a Location naming every resource a 201 creates', () => {
    // Created without a URI of their own: a session (tokens), and a favourite, whose URI is
    // the one the request was sent to.
    const exempt = ['POST /api/v1/auth/register', 'POST /api/v1/templates/{id}/favorite'];
    for (const [path, ops] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        const created = op.responses['201'];
        if (!created || exempt.includes(where)) continue;
        expect({ where, location: created.headers?.Location }).toEqual({
          where,
          location: { $ref: '#/components/headers/Location' },
        });
      }
    }
  });

  it('documents exactly the access the guards enforce: bearer routes answer 401 without a token', async () => {
    const publicOps: string[] = [];
    for (const [path, ops] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        if (JSON.stringify(op.security) === '[]') {
          publicOps.push(where);
          continue;
        }
        expect({ where, security: op.security }).toEqual({ where, security: [{ bearer: [] }] });
        const url = path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await request(api.http)[method as 'get'](url);
        expect({ where, status: res.status }).toEqual({ where, status: 401 });
      }
    }
    expect(publicOps.sort()).toEqual([
      'GET /api/v1/auth/github',
      'GET /api/v1/auth/github/callback',
      'GET /api/v1/auth/google',
      'GET /api/v1/auth/google/callback',
      'GET /api/v1/auth/verify-email',
      // The links of notification emails: the signed token is the credential.
      'GET /api/v1/notifications/unsubscribe',
      'GET /api/v1/users/data-export/{id}/download',
      // Avatars are public (docs/storage.md): an <img> cannot send a token.
      'GET /api/v1/users/{userId}/avatar/{digest}',
      'POST /api/v1/auth/exchange',
      'POST /api/v1/auth/forgot-password',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/refresh',
      'POST /api/v1/auth/register',
      'POST /api/v1/auth/resend-verification',
      'POST /api/v1/auth/reset-password',
      'POST /api/v1/notifications/unsubscribe',
    ]);
    const profile = document.paths['/api/v1/users/profile'].get;
    expect(Object.keys(profile.responses)).toContain('401');
    expect(Object.keys(document.paths['/api/v1/admin/users'].get.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403']),
    );
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await request(api.http).get('/docs').redirects(1).expect(200);
    expect(res.text).toContain('swagger-ui');
  });
});
