/**
 * The floor FitAI's POST /entries is compared with: node:http + a pg Pool of the same size,
 * no framework, no auth, no validation. It parses the same JSON body and runs one INSERT of
 * the same columns into the same `entries` table, answering 201 with the row.
 *
 * Env: PORT, DATABASE_URL, DATABASE_POOL_SIZE, BASELINE_USER_ID (every row belongs to it).
 * Routes: POST /entries, GET /health/ready.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';

const port = Number(process.env.PORT ?? 3100);
const userId = process.env.BASELINE_USER_ID;
if (!process.env.DATABASE_URL || !userId) {
  console.error('baseline-server: DATABASE_URL and BASELINE_USER_ID are required');
  process.exit(1);
}

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  application_name: 'fitai-bench-baseline',
});

const INSERT = `INSERT INTO entries
  (user_id, occurred_at, type, mood, energy, note, tags, value, unit, idempotency_key, idempotency_fingerprint)
  VALUES ($1, COALESCE($2::timestamptz, now()), $3, $4, $5, $6, $7, $8, $9, NULL, NULL)
  RETURNING *`;

interface EntryBody {
  occurredAt?: string;
  type?: string;
  mood?: number;
  energy?: number;
  note?: string;
  tags?: string[];
  value?: number;
  unit?: string;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function createEntry(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as EntryBody;
  const { rows } = await pool.query(INSERT, [
    userId,
    body.occurredAt ?? null,
    body.type,
    body.mood ?? null,
    body.energy ?? null,
    body.note ?? null,
    body.tags ?? [],
    body.value ?? null,
    body.unit ?? null,
  ]);
  send(res, 201, rows[0]);
}

const server = createServer((req, res) => {
  const route = `${req.method} ${req.url}`;
  const handled =
    route === 'POST /entries'
      ? createEntry(req, res)
      : route === 'GET /health/ready'
        ? pool.query('SELECT 1').then(() => send(res, 200, { status: 'ok' }))
        : Promise.resolve(send(res, 404, { status: 'not found' }));
  handled.catch((error: unknown) => {
    if (!res.headersSent) send(res, 500, { error: (error as Error).message });
  });
});

server.listen(port, '127.0.0.1');

function shutdown(): void {
  server.close();
  server.closeAllConnections();
  void pool.end().finally(() => process.exit(0));
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
