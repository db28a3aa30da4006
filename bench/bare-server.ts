/**
 * The floor figure 1 compares FitAI's routes with: node:http and a pg Pool of the same size, no
 * framework. Each route authenticates like FitAI (the bearer access token verified by
 * jsonwebtoken, HS256, the key built once from JWT_ACCESS_SECRET as AccessTokenKey does,
 * expiry checked; `sub` is the user; anything else is a 401), sends the SQL FitAI sends for
 * it (captured from FitAI, see the statements below), and answers FitAI's status with a JSON
 * body of the same shape (EntryDto, UserDto, a cursor page).
 *
 * What it does not do, and FitAI does, on every request: the revoked-session check (a lookup
 * in memory), rate limiting (Redis), validation and normalisation of the body and query (here
 * only a JSON parse and the page limit's range), the Idempotency-Key, request ids in logs and
 * errors, access logging, metrics, security headers, CORS, problem+json error bodies.
 *
 * Env: PORT, DATABASE_URL, DATABASE_POOL_SIZE, JWT_ACCESS_SECRET.
 * Routes: POST /api/v1/entries, GET /api/v1/entries?limit=, GET /api/v1/users/profile,
 * GET /health/ready (no token).
 */
import { createSecretKey, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { verify } from 'jsonwebtoken';
import { Pool } from 'pg';

const { PORT, DATABASE_URL, DATABASE_POOL_SIZE, JWT_ACCESS_SECRET } = process.env;
if (!PORT || !DATABASE_URL || !DATABASE_POOL_SIZE || !JWT_ACCESS_SECRET) {
  console.error('bare-server: PORT, DATABASE_URL, DATABASE_POOL_SIZE, JWT_ACCESS_SECRET needed');
  process.exit(1);
}

const pool = new Pool({
  connectionString: DATABASE_URL,
  max: Number(DATABASE_POOL_SIZE),
  application_name: 'fitai-bench-bare',
});
const accessTokenKey = createSecretKey(Buffer.from(JWT_ACCESS_SECRET, 'utf8'));

// FitAI's statements, written out by hand (TypeORM lists the columns and aliases them).

/**
 * EntriesRepository.insert without an Idempotency-Key: the entry and its `entries.changed`
 * outbox row in one statement (withOutboxInsert), no transaction.
 */
const INSERT_ENTRY = `
  WITH written AS (
    INSERT INTO entries (user_id, occurred_at, type, mood, energy, note, tags, value, unit)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
    RETURNING *),
  published AS (
    INSERT INTO domain_events (name, payload, request_id)
    SELECT 'entries.changed', $10::jsonb, $11 WHERE EXISTS (SELECT 1 FROM written))
  SELECT * FROM written`;
/** EntriesRepository.findPage without filters: limit + 1 rows, newest first. */
const SELECT_ENTRY_PAGE = `
  SELECT * FROM entries WHERE user_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT $2`;
/** UsersRepository.findById. */
const SELECT_USER = 'SELECT * FROM users WHERE id = $1 LIMIT 1';

/** The entries list's `limit` (CursorQueryDto, PagingField.limit): 1-100, 50 when absent. */
const DEFAULT_PAGE_LIMIT = 50;
const MAX_PAGE_LIMIT = 100;

interface Reply {
  status: number;
  body: unknown;
}

interface EntryRow {
  id: string;
  occurred_at: Date;
  type: string;
  mood: number | null;
  energy: number | null;
  note: string | null;
  tags: string[];
  value: string | null;
  unit: string | null;
  created_at: Date;
  updated_at: Date;
}

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  bio: string | null;
  role: string;
  status: string;
  email_verified_at: Date | null;
  avatar_digest: string | null;
  created_at: Date;
}

/** AvatarDto.of: the avatar's URL per size, or null. */
function avatarJson(userId: string, digest: string | null) {
  if (digest === null) return null;
  const path = (size: string) => `/api/v1/users/${userId}/avatar/${digest}?size=${size}`;
  return { small: path('small'), medium: path('medium'), large: path('large') };
}

/** EntryDto.from. */
function entryJson(row: EntryRow) {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    type: row.type,
    mood: row.mood,
    energy: row.energy,
    note: row.note,
    tags: row.tags,
    value: row.value === null ? null : Number(row.value),
    unit: row.unit,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** UserDto.from. */
function userJson(row: UserRow) {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    bio: row.bio,
    role: row.role,
    status: row.status,
    emailVerified: row.email_verified_at !== null,
    createdAt: row.created_at.toISOString(),
    avatar: avatarJson(row.id, row.avatar_digest),
  };
}

/** encodeCursor: base64url of [occurredAt, id] of the page's last row. */
function cursorAfter(row: EntryRow): string {
  return Buffer.from(JSON.stringify([row.occurred_at.toISOString(), row.id])).toString('base64url');
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The entry and its outbox event, in one statement, as FitAI writes them. */
async function createEntry(userId: string, req: IncomingMessage): Promise<Reply> {
  const body = await readJson(req);
  if (!body) return { status: 400, body: { status: 400, title: 'Bad Request' } };
  const occurredAt = new Date((body.occurredAt as string | undefined) ?? Date.now());
  const payload = { userId, occurredAt: [occurredAt.toISOString()] };
  const {
    rows: [entry],
  } = await pool.query<EntryRow>(INSERT_ENTRY, [
    userId,
    occurredAt,
    body.type,
    body.mood ?? null,
    body.energy ?? null,
    body.note ?? null,
    body.tags ?? [],
    body.value ?? null,
    body.unit ?? null,
    payload,
    randomUUID(),
  ]);
  return { status: 201, body: entryJson(entry) };
}

async function listEntries(userId: string, query: URLSearchParams): Promise<Reply> {
  const limit = Number(query.get('limit') ?? DEFAULT_PAGE_LIMIT);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    return { status: 400, body: { status: 400, title: 'Bad Request' } };
  }
  const { rows } = await pool.query<EntryRow>(SELECT_ENTRY_PAGE, [userId, limit + 1]);
  const page = rows.slice(0, limit);
  return {
    status: 200,
    body: {
      items: page.map(entryJson),
      meta: { limit, nextCursor: rows.length > limit ? cursorAfter(page[limit - 1]) : null },
    },
  };
}

async function getProfile(userId: string): Promise<Reply> {
  const {
    rows: [user],
  } = await pool.query<UserRow>(SELECT_USER, [userId]);
  if (!user) return { status: 404, body: { status: 404, title: 'Not Found' } };
  return { status: 200, body: userJson(user) };
}

/** The access token's `sub`, or undefined for a missing, malformed, forged or expired one. */
function authenticatedUserId(authorization: string | undefined): string | undefined {
  const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return undefined;
  try {
    const claims = verify(token, accessTokenKey, { algorithms: ['HS256'] });
    return typeof claims === 'object' && typeof claims.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}

const ROUTES: Record<
  string,
  (userId: string, req: IncomingMessage, query: URLSearchParams) => Promise<Reply>
> = {
  'POST /api/v1/entries': (userId, req) => createEntry(userId, req),
  'GET /api/v1/entries': (userId, _req, query) => listEntries(userId, query),
  'GET /api/v1/users/profile': (userId) => getProfile(userId),
};

function send(res: ServerResponse, { status, body }: Reply): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function handle(req: IncomingMessage): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://bare-server');
  const route = `${req.method} ${url.pathname}`;
  if (route === 'GET /health/ready') {
    await pool.query('SELECT 1');
    return { status: 200, body: { status: 'ok' } };
  }
  const handler = ROUTES[route];
  if (!handler) return { status: 404, body: { status: 404, title: 'Not Found' } };
  const userId = authenticatedUserId(req.headers.authorization);
  if (!userId) return { status: 401, body: { status: 401, title: 'Unauthorized' } };
  return handler(userId, req, url.searchParams);
}

const server = createServer((req, res) => {
  handle(req).then(
    (reply) => send(res, reply),
    (error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { error: (error as Error).message } });
    },
  );
});

server.listen(Number(PORT), '127.0.0.1');

function shutdown(): void {
  server.close();
  server.closeAllConnections();
  void pool.end().finally(() => process.exit(0));
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
