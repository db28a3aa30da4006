import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import document from './fixtures/things-api.json';
import { OpenApiContract, RecordedExchange } from './openapi-contract';
import { recordResponses, takeContractViolations } from './response-recorder';

const ID = '3f0c7c52-8f0e-4d4b-9a52-3c3f4e2b6a10';

const thing = {
  id: ID,
  name: 'Kettlebell',
  level: 'beginner',
  rating: { count: 2, average: 4.5 },
  note: null,
  createdAt: '2026-11-20T08:00:00.000Z',
};

const problem = (type: string, status: number, extra: object = {}) => ({
  type: `urn:things:problem:${type}`,
  title: 'Something',
  status,
  instance: '/api/things',
  requestId: 'r-1',
  ...extra,
});

function exchange(overrides: Partial<RecordedExchange> & { json?: unknown }): RecordedExchange {
  const { json, ...rest } = overrides;
  return {
    method: 'GET',
    path: `/api/things/${ID}`,
    status: 200,
    headers: json === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
    body: json === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(json)),
    ...rest,
  };
}

describe('OpenApiContract', () => {
  const contract = new OpenApiContract(document);

  it('accepts answers that keep the document', () => {
    expect(contract.check(exchange({ json: thing }))).toEqual([]);
    expect(
      contract.check(
        exchange({
          method: 'POST',
          path: '/api/things',
          status: 201,
          json: thing,
          headers: { 'content-type': 'application/json', location: `/api/things/${ID}` },
        }),
      ),
    ).toEqual([]);
    expect(contract.check(exchange({ method: 'DELETE', status: 204 }))).toEqual([]);
    expect(
      contract.check(
        exchange({
          status: 409,
          json: problem('version-conflict', 409, { currentVersion: 3 }),
          headers: { 'content-type': 'application/problem+json' },
        }),
      ),
    ).toEqual([]);
  });

  it.each([
    ['a number where the schema has an object', { rating: 4.5 }, '/rating must be object'],
    ['a fraction where it has an integer', { rating: { count: 1.5, average: 1 } }, 'integer'],
    ['a malformed uuid', { id: 'not-a-uuid' }, '/id must match format "uuid"'],
    ['a date-time without a zone', { createdAt: '2026-11-20 08:00' }, 'format "date-time"'],
    ['a value outside the enum', { level: 'guru' }, '/level must be equal to one of'],
    ['null where null is not allowed', { name: null }, '/name must be string'],
    ['a member the schema does not list', { secret: 'x' }, 'additional properties (secret)'],
  ])('rejects a body with %s', (_, change, message) => {
    const problems = contract.check(exchange({ json: { ...thing, ...change } }));
    expect(problems).toEqual([expect.stringContaining(message)]);
    expect(problems[0]).toMatch(/^GET \/api\/things\/\{id\} → 200: body: /);
  });

  it('rejects a required member left out', () => {
    const { rating: _, ...withoutRating } = thing;
    expect(contract.check(exchange({ json: withoutRating }))).toEqual([
      expect.stringContaining("must have required property 'rating'"),
    ]);
  });

  it('rejects a status the operation does not document', () => {
    expect(contract.check(exchange({ status: 404, json: problem('not-found', 404) }))).toEqual([
      'GET /api/things/{id}: status 404 is not documented (documented: 200, 409)',
    ]);
  });

  it('rejects a problem type the status does not list, and a missing extension member', () => {
    const headers = { 'content-type': 'application/problem+json' };
    const unlisted = contract.check(exchange({ status: 409, json: problem('gone', 409), headers }));
    expect(unlisted).toEqual([expect.stringContaining('must match exactly one schema in oneOf')]);
    const incomplete = contract.check(
      exchange({ status: 409, json: problem('version-conflict', 409), headers }),
    );
    expect(incomplete).toEqual([expect.stringContaining("required property 'currentVersion'")]);
  });

  it('rejects a missing required header and a header value against its schema', () => {
    const created = { method: 'POST', path: '/api/things', status: 201, json: thing };
    expect(contract.check(exchange(created))).toEqual([
      'POST /api/things → 201: required header Location is missing',
    ]);
    const limited = {
      method: 'POST',
      path: '/api/things',
      status: 429,
      json: problem('too-many-requests', 429),
    };
    const withHeader = (value?: string) =>
      contract.check(
        exchange({
          ...limited,
          headers: {
            'content-type': 'application/problem+json',
            ...(value === undefined ? {} : { 'retry-after': value }),
          },
        }),
      );
    expect(withHeader('30')).toEqual([]);
    expect(withHeader('soon')).toEqual([
      expect.stringContaining('header Retry-After "soon": (root) must be integer'),
    ]);
    expect(withHeader()).toEqual([
      'POST /api/things → 429: required header Retry-After is missing',
    ]);
  });

  it('rejects a content type the response does not document, and a body where none is', () => {
    expect(
      contract.check(exchange({ json: thing, headers: { 'content-type': 'text/html' } })),
    ).toEqual([
      'GET /api/things/{id} → 200: content type text/html is not documented (application/json)',
    ]);
    expect(contract.check(exchange({ method: 'DELETE', status: 204, json: {} }))).toEqual([
      'DELETE /api/things/{id} → 204: sent a body (application/json) none documented',
    ]);
    expect(contract.check(exchange({}))).toEqual([
      'GET /api/things/{id} → 200: documents a body (application/json) but none was sent',
    ]);
  });

  it('matches a fixed path before a templated one', () => {
    const special = exchange({
      path: '/api/things/special',
      headers: { 'content-type': 'text/plain' },
      body: Buffer.from('special'),
    });
    expect(contract.check(special)).toEqual([]);
  });

  it('reports a documented schema that cannot be compiled', () => {
    expect(contract.check(exchange({ path: '/api/broken', json: { level: null } }))).toEqual([
      expect.stringContaining('"nullable" cannot be used without "type"'),
    ]);
  });

  it('lets an undocumented path answer only a 404 problem', () => {
    const headers = { 'content-type': 'application/problem+json' };
    expect(
      contract.check(
        exchange({ path: '/api/nothing', status: 404, json: problem('not-found', 404), headers }),
      ),
    ).toEqual([]);
    expect(contract.check(exchange({ path: '/api/nothing', json: thing }))).toEqual([
      'GET /api/nothing (no documented operation): answered 200',
    ]);
    expect(
      contract.check(exchange({ method: 'PATCH', status: 404, json: { oops: 1 }, headers })),
    ).toEqual([expect.stringContaining("must have required property 'type'")]);
  });

  it('leaves the paths outside the API alone', () => {
    for (const path of ['/docs', '/docs-json', '/health/live', '/metrics']) {
      expect(contract.check(exchange({ path, json: 'anything' }))).toEqual([]);
    }
  });
});

describe('recordResponses', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === `/api/things/${ID}`) {
        // Written in two chunks: the recorder checks the whole body.
        const text = JSON.stringify({ ...thing, rating: 4.5 });
        res.write(text.slice(0, 10));
        res.end(text.slice(10));
      } else {
        res.end(JSON.stringify(thing));
      }
    });
    recordResponses(server, new OpenApiContract(document));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('checks every answer the server sends and keeps the violations for the test', async () => {
    const res = await fetch(`${base}/api/things/${ID}`);
    expect(res.status).toBe(200);
    await res.text();
    const ok = await fetch(`${base}/api/things/${ID}?unused=1`, { method: 'HEAD' });
    expect(ok.status).toBe(200);
    expect(takeContractViolations()).toEqual([
      {
        test: 'recordResponses checks every answer the server sends and keeps the violations for the test',
        exchange: `GET /api/things/${ID} → 200`,
        problems: [expect.stringContaining('/rating must be object')],
      },
    ]);
  });
});
