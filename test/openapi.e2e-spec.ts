import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApiDocument } from '../src/bootstrap';
import { startApi, TestApi } from './support/test-app';

type Schema = {
  $ref?: string;
  type?: string;
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

/** Every route Express knows, as "METHOD /path/{param}" under the API prefix. */
function registeredRoutes(api: TestApi): string[] {
  const router = (api.app.getHttpAdapter().getInstance() as { router: { stack: unknown[] } })
    .router;
  return (
    router.stack
      .map(
        (layer) => (layer as { route?: { path: string; methods: Record<string, boolean> } }).route,
      )
      .filter((route): route is { path: string; methods: Record<string, boolean> } => !!route)
      .filter((route) => route.path.startsWith('/api/v1/'))
      // Middleware mounted for every path (request logging) shows up as a wildcard route.
      .filter((route) => !route.path.includes('*'))
      .flatMap((route) =>
        Object.keys(route.methods).map(
          (method) => `${method.toUpperCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`,
        ),
      )
  );
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
      'POST /api/v1/auth/exchange',
      'POST /api/v1/auth/forgot-password',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/refresh',
      'POST /api/v1/auth/register',
      'POST /api/v1/auth/resend-verification',
      'POST /api/v1/auth/reset-password',
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
