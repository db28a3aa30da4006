import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { startApi, TestApi } from './support/test-app';

type Operation = {
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  summary?: string;
};

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
    components: { schemas: Record<string, unknown> };
  };

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

  it('gives every operation a summary, a success schema and problem+json errors', () => {
    for (const [path, ops] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        expect({ where, summary: !!op.summary }).toEqual({ where, summary: true });
        const codes = Object.keys(op.responses);
        // A browser redirect (social sign-in) succeeds with a documented 302 and its Location.
        const redirect = op.responses['302'] as { headers?: Record<string, unknown> } | undefined;
        const success = codes.some((c) => c.startsWith('2')) || !!redirect?.headers?.Location;
        expect({ where, success }).toEqual({ where, success: true });
        for (const code of codes.filter((c) => Number(c) >= 400)) {
          const schema = op.responses[code].content?.['application/problem+json']?.schema;
          expect({ where, code, ref: schema?.$ref }).toEqual({
            where,
            code,
            ref: '#/components/schemas/ProblemDetails',
          });
        }
        expect({ where, rateLimited: codes.includes('429') }).toEqual({ where, rateLimited: true });
      }
    }
    expect(document.components.schemas).toHaveProperty('ProblemDetails');
  });

  it('documents a Location naming every resource a 201 creates', () => {
    // Created without a URI of their own: a session (tokens), and a favourite, whose URI is
    // the one the request was sent to.
    const exempt = ['POST /api/v1/auth/register', 'POST /api/v1/templates/{id}/favorite'];
    for (const [path, ops] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        const created = op.responses['201'] as { headers?: Record<string, unknown> } | undefined;
        if (!created || exempt.includes(where)) continue;
        expect({ where, location: !!created.headers?.Location }).toEqual({ where, location: true });
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
