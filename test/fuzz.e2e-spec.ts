import type { AddressInfo } from 'node:net';
import {
  Expectation,
  fieldName,
  FieldPath,
  HOSTILE_BODIES,
  hostileBodyValues,
  hostileQueryValues,
  KnownIds,
  OpenApiDocument,
  Operation,
  operationsOf,
  PATH_GARBAGE,
  Schemas,
  UNDECLARED_QUERY,
} from './support/openapi-fuzz';
import { registerAdmin, registerUser, startApi, TestApi, TestUser } from './support/test-app';

/**
 * Every operation of the OpenAPI document the API serves, sent hostile input: broken and
 * non-JSON bodies, JSON nested thousands of levels deep, NUL characters and lone surrogates,
 * huge numbers, nulls, empty and nested arrays, wrong types, garbage path parameters and
 * undeclared query parameters; anonymous, with a garbage token and signed in (as an admin
 * where a user is refused). Whatever the input, the answer is never a 5xx, and every 4xx is
 * application/problem+json with its status. Some inputs must also get a particular answer:
 * see `Expectation` and the content-type and nesting rules (docs/errors.md).
 *
 * The requests are derived from the document alone, so a new route is fuzzed as soon as it
 * is documented. Bounded: at most MAX_PER_OPERATION requests per operation, CONCURRENCY at once.
 */

const MAX_PER_OPERATION = 260;
const CONCURRENCY = 4;
const NOT_REACHED = [401, 403, 429];

interface FuzzRequest {
  label: string;
  method: string;
  /** Path and query, already encoded. */
  url: string;
  token?: string;
  contentType?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  status?: number;
  problemType?: string;
  /** The field a 400 must name, or must not name. */
  field?: { name: string; expect: Expectation };
}

/** What the fuzz test reads of an answer's JSON (absent when the body is something else). */
interface AnswerBody {
  status?: unknown;
  type?: unknown;
  errors?: { field: string }[];
  id?: unknown;
  items?: { id?: unknown }[];
  accessToken?: string;
}

interface Answer {
  status: number;
  /** The Content-Type. */
  type: string;
  body: AnswerBody | undefined;
  text: string;
}

interface Session {
  user: TestUser;
  token: string;
}

describe('hostile input on every documented operation (e2e)', () => {
  let api: TestApi;
  let base: string;
  let doc: OpenApiDocument;
  let schemas: Schemas;
  const ids: KnownIds = new Map();
  let user: Session;
  let admin: Session;

  beforeAll(async () => {
    api = await startApi();
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    doc = (await (await fetch(`${base}/docs-json`)).json()) as OpenApiDocument;
    schemas = new Schemas(doc, ids);
    const u = await registerUser(api.http);
    const a = await registerAdmin(api);
    user = { user: u, token: u.accessToken };
    admin = { user: a, token: a.accessToken };
  });
  afterAll(() => api.close());

  async function call(request: FuzzRequest): Promise<Answer> {
    const headers: Record<string, string> = { ...request.headers };
    if (request.token) headers.authorization = `Bearer ${request.token}`;
    if (request.contentType) headers['content-type'] = request.contentType;
    const res = await fetch(base + request.url, {
      method: request.method,
      headers,
      body: typeof request.body === 'string' ? Buffer.from(request.body) : request.body,
      redirect: 'manual',
    });
    const text = await res.text();
    let body: AnswerBody | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null) body = parsed as AnswerBody;
    } catch {
      // Not JSON: checked below when it has to be.
    }
    return { status: res.status, type: res.headers.get('content-type') ?? '', body, text };
  }

  /** What is wrong with the answer to `request`, if anything. */
  function verdict(request: FuzzRequest, res: Answer): string | undefined {
    if (res.status >= 500) return `${res.status} ${res.text.slice(0, 200)}`;
    if (res.status >= 400) {
      if (!res.type.startsWith('application/problem+json')) return `${res.status} as ${res.type}`;
      if (res.body?.status !== res.status) return `${res.status} with status ${res.body?.status}`;
      if (!String(res.body?.type).startsWith('urn:fitai:problem:')) return `type ${res.body?.type}`;
    }
    if (request.status !== undefined && res.status !== request.status) {
      return `${res.status} ${res.body?.type ?? ''}, expected ${request.status}`;
    }
    if (request.problemType && res.body?.type !== request.problemType) {
      return `type ${res.body?.type}, expected ${request.problemType}`;
    }
    if (request.field && !NOT_REACHED.includes(res.status)) {
      const { name, expect } = request.field;
      const fields: string[] = (res.body?.errors ?? []).map((e: { field: string }) => e.field);
      const named = fields.some((f) => f === name || f.startsWith(`${name}.`));
      if (expect === 'named' && (res.status !== 400 || !named)) {
        return `${res.status} ${JSON.stringify(fields)}: ${name} not named`;
      }
      if (expect === 'not-named' && named) return `${name} named: ${JSON.stringify(res.body)}`;
    }
    return undefined;
  }

  function pathWith(op: Operation, overrides: Record<string, string> = {}): string {
    return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      if (name in overrides) return overrides[name];
      const param = op.parameters.find((p) => p.in === 'path' && p.name === name);
      const schema = schemas.resolve(param?.schema ?? {});
      // A parameter without a format, choices or an example is an id (of a resource unseen).
      const described = schema.format || schema.enum || schema.example !== undefined;
      const value =
        schemas.idForPath(op.path, name) ??
        (described ? schemas.sample(schema, name) : '00000000-0000-4000-8000-000000000001');
      return encodeURIComponent(String(value));
    });
  }

  /** The required query parameters with their samples, as pairs. */
  function requiredQuery(op: Operation, except?: string): string[] {
    return op.parameters
      .filter((p) => p.in === 'query' && p.required && p.name !== except)
      .map((p) => {
        const value = schemas.sample(p.schema ?? {}, p.name);
        return `${encodeURIComponent(p.name)}=${encodeURIComponent(String(value))}`;
      });
  }

  function urlOf(path: string, query: string[]): string {
    return query.length ? `${path}?${query.join('&')}` : path;
  }

  function sampleBody(op: Operation): unknown {
    return op.body ? schemas.sample(op.body) : undefined;
  }

  function withValue(body: unknown, path: FieldPath, value: unknown): unknown {
    const copy = structuredClone(body) as Record<string | number, unknown>;
    let at: Record<string | number, unknown> = copy;
    for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
    at[path[path.length - 1]] = value;
    return copy;
  }

  /** The hostile requests of one operation, signed in as `token` (none for public routes). */
  function requestsOf(op: Operation, token: string | undefined): FuzzRequest[] {
    const path = pathWith(op);
    const query = requiredQuery(op);
    const body = sampleBody(op);
    const json = (value: unknown) => ({
      contentType: 'application/json',
      body: JSON.stringify(value),
    });
    const plain: FuzzRequest = {
      label: 'sample',
      method: op.method,
      url: urlOf(path, query),
      token,
      ...(body === undefined ? {} : json(body)),
    };
    const requests: FuzzRequest[] = [];

    if (!op.anonymous) {
      requests.push({ ...plain, label: 'anonymous', token: undefined, status: 401 });
      requests.push({ ...plain, label: 'garbage token', token: 'x.y.z', status: 401 });
      if (op.method !== 'GET') {
        // The body rules come before authentication.
        const [text, deep] = [HOSTILE_BODIES[0], HOSTILE_BODIES.find((b) => b.problemType)!];
        for (const hostile of [text, deep]) {
          requests.push({
            ...plain,
            label: `anonymous body: ${hostile.label}`,
            token: undefined,
            contentType: hostile.contentType,
            body: hostile.body,
            status: hostile.status,
            problemType: hostile.problemType,
          });
        }
      }
    }
    if (op.method !== 'GET') {
      for (const hostile of HOSTILE_BODIES) {
        // A form is this route's own body: any answer but a 5xx, not necessarily a 415.
        const formRoute = op.form && hostile.contentType === 'application/x-www-form-urlencoded';
        // An upload route reads a multipart body: one without a file is a 400 of its own.
        const upload = op.multipart && !!hostile.contentType?.startsWith('multipart/');
        requests.push({
          ...plain,
          label: `body: ${hostile.label}`,
          contentType: hostile.contentType,
          body: hostile.body,
          status: upload ? 400 : formRoute ? undefined : hostile.status,
          problemType: upload ? 'urn:fitai:problem:file-required' : hostile.problemType,
        });
      }
    }
    for (const param of op.parameters.filter((p) => p.in === 'path')) {
      for (const garbage of PATH_GARBAGE) {
        requests.push({
          ...plain,
          label: `path ${param.name}: ${garbage.label}`,
          url: urlOf(pathWith(op, { [param.name]: garbage.raw }), query),
          field: { name: param.name, expect: garbage.expect },
        });
      }
    }
    const declared = op.parameters.filter((p) => p.in === 'query');
    for (const param of declared) {
      for (const hostile of hostileQueryValues(param.name, schemas.resolve(param.schema ?? {}))) {
        requests.push({
          ...plain,
          label: `query ${param.name}: ${hostile.label}`,
          url: urlOf(path, [...requiredQuery(op, param.name), hostile.raw]),
          field: { name: param.name, expect: hostile.expect },
        });
      }
    }
    if (op.method === 'GET') {
      for (const hostile of UNDECLARED_QUERY) {
        requests.push({
          ...plain,
          label: `query: ${hostile.label}`,
          url: urlOf(path, [...query, hostile.raw]),
        });
      }
    }
    for (const param of op.parameters.filter((p) => p.in === 'header')) {
      for (const value of ['', ' ', 'x'.repeat(2_000), '%00', '../../etc', 'a b']) {
        requests.push({
          ...plain,
          label: `header ${param.name}: ${JSON.stringify(value.slice(0, 10))}`,
          headers: { [param.name]: value },
        });
      }
    }
    if (op.body && body !== undefined) {
      requests.push({ ...plain, label: 'body: empty object', ...json({}) });
      requests.push({
        ...plain,
        label: 'body: undeclared field',
        ...json({ ...(body as object), fuzz: 1 }),
      });
      for (const field of schemas.fieldsOf(op.body, body)) {
        for (const hostile of hostileBodyValues(field, schemas)) {
          const name = fieldName(field.path);
          requests.push({
            ...plain,
            label: `body ${name}: ${hostile.label}`,
            ...json(withValue(body, field.path, hostile.value)),
            field: { name, expect: hostile.expect },
          });
        }
      }
    }
    return [plain, ...bounded(requests, MAX_PER_OPERATION - 1)];
  }

  /** At most `max` of the requests, spread evenly over them (deterministic). */
  function bounded<T>(items: T[], max: number): T[] {
    if (items.length <= max) return items;
    return Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)]);
  }

  async function signedIn(session: Session): Promise<void> {
    const probe = await call({
      label: 'probe',
      method: 'GET',
      url: '/api/v1/users/profile',
      token: session.token,
    });
    if (probe.status !== 401) return;
    const login = await call({
      label: 'login',
      method: 'POST',
      url: '/api/v1/auth/login',
      contentType: 'application/json',
      body: JSON.stringify({ email: session.user.email, password: session.user.password }),
    });
    const token = login.body?.accessToken;
    if (!token) throw new Error(`cannot sign ${session.user.email} in again: ${login.status}`);
    session.token = token;
  }

  /**
   * Ids the API hands out, so path parameters and id fields can name real resources: the first
   * item of every list, and what each creating POST makes from its sample body (parents first,
   * so /workouts/{id}/exercises/{exerciseId}/sets names a real workout). A sample the API
   * refuses is sent again without the optional fields it blames.
   */
  async function seed(ops: Operation[]): Promise<void> {
    const signedIn = ops.filter((op) => !op.anonymous);
    for (const op of signedIn.filter((o) => o.method === 'GET' && !o.path.includes('{'))) {
      const res = await call({ label: 'seed', method: 'GET', url: op.path, token: user.token });
      const id = res.body?.items?.[0]?.id;
      if (typeof id === 'string') ids.set(op.path, id);
    }
    const params = (op: Operation) => op.path.split('{').length;
    const creating = signedIn
      .filter((o) => o.method === 'POST' && o.body)
      .sort((a, b) => params(a) - params(b));
    for (const op of creating) {
      const body = sampleBody(op) as Record<string, unknown>;
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const res = await call({
          label: 'seed',
          method: 'POST',
          url: pathWith(op),
          token: user.token,
          contentType: 'application/json',
          body: JSON.stringify(body),
        });
        if (res.status < 300 && typeof res.body?.id === 'string') ids.set(op.path, res.body.id);
        const blamed: string[] = (res.body?.errors ?? []).map((e: { field: string }) => e.field);
        const required = schemas.resolve(op.body ?? {}).required ?? [];
        const optional = blamed.filter((field) => field in body && !required.includes(field));
        if (res.status !== 400 || optional.length === 0) break;
        for (const field of optional) delete body[field];
      }
    }
  }

  async function inPool<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) await work(items[next++]);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }

  it('answers every hostile request with a problem+json 4xx or a success, never a 5xx', async () => {
    const started = Date.now();
    // Deletions last, so the resources seeded for the other operations are still there.
    const all = operationsOf(doc);
    const only = process.env.FUZZ_ONLY;
    const ops = all
      .filter((op) => !only || `${op.method} ${op.path}`.includes(only))
      .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    await seed(all);
    if (process.env.FUZZ_VERBOSE) console.log('seeded', JSON.stringify([...ids]));
    const failures: string[] = [];
    let sent = 0;

    for (const op of ops) {
      let token: string | undefined;
      if (!op.anonymous) {
        await signedIn(user);
        await signedIn(admin);
        // Admin routes refuse the user: their hostile input is sent as the admin.
        const [first] = requestsOf(op, user.token);
        token = (await call(first)).status === 403 ? admin.token : user.token;
      }
      const requests = requestsOf(op, token);
      const statuses: Record<number, number> = {};
      await inPool(requests, async (request) => {
        const res = await call(request);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        const problem = verdict(request, res);
        sent += 1;
        if (problem) failures.push(`${op.method} ${op.path} [${request.label}]: ${problem}`);
      });
      if (process.env.FUZZ_VERBOSE)
        console.log(`${op.method} ${op.path}`, JSON.stringify(statuses));
    }

    console.log(
      `fuzz: ${ops.length} operations, ${sent} requests, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(all.length).toBeGreaterThan(90);
    expect(failures).toEqual([]);
  }, 300_000);
});
