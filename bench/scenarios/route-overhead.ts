import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sign } from 'jsonwebtoken';
import type { Pool } from 'pg';
import { BenchConfig } from '../config';
import { BenchUser, ReferenceBuild, REPO_ROOT, RunningApi, startApi } from '../lib/fitai';
import { expectStatus, requestJson } from '../lib/http';
import { assertMostlyOk, LoadResult, runLoad } from '../lib/load';
import { freePort, startNode, waitUntilReady } from '../lib/processes';
import { interleavedRounds } from '../lib/rounds';
import { median, ratio, Spread, spreadOf } from '../lib/stats';
import { seedHistory } from './entries-read';

/** The list route's user: a few hundred entries over three months, more than one page. */
const LIST_USER_ENTRIES = 300;
const LIST_HISTORY_DAYS = 90;
const LIST_PAGE_SIZE = 20;
/**
 * Warm-up before each run after the first round: the JIT and the pools are warm by then; one
 * second re-opens the load generator's connections and refills the caches the other servers'
 * runs disturbed.
 */
const LATER_ROUND_WARMUP_SECONDS = 1;

/** BENCH_WARMUP_SECONDS before a server's first run on a route, then at most one second. */
function warmupSeconds(config: BenchConfig, round: number): number {
  return round === 0
    ? config.warmupSeconds
    : Math.min(config.warmupSeconds, LATER_ROUND_WARMUP_SECONDS);
}

/** This checkout's API, bench/bare-server.ts, and BENCH_REFERENCE_DIR's API. */
export type ServerKey = 'fitai' | 'bare' | 'reference';

/** A running server (its process and URL) and how the figure names it. */
interface Server extends RunningApi {
  key: ServerKey;
  label: string;
}

interface RouteUnderTest {
  method: 'GET' | 'POST';
  path: string;
  /** What the report says of the route's data, if anything. */
  note?: string;
  user: BenchUser;
  makeBody?: () => unknown;
  expectStatus: number;
  /** Throws unless the answer is the one expected (checked once per server before measuring). */
  checkBody?: (body: unknown) => void;
}

export interface ServerRounds {
  server: ServerKey;
  label: string;
  /** One measured run per round, in round order. */
  runs: LoadResult[];
  /** Medians over the rounds. */
  requestsPerSecond: number;
  p50: number;
  p99: number;
}

/** FitAI ÷ another server, per round (both runs in the same round), then median and range. */
export interface RatioToServer {
  server: ServerKey;
  /** Below 1: FitAI serves fewer requests per second. */
  requestsPerSecond: Spread;
  /** Above 1: FitAI's p99 is longer. */
  p99: Spread;
}

export interface RouteFigure {
  route: string;
  note?: string;
  /** The servers in the order each round measured them. */
  order: ServerKey[][];
  servers: ServerRounds[];
  ratios: RatioToServer[];
}

export interface RouteOverheadFigure {
  connections: number;
  durationSeconds: number;
  /** Before a server's first run on a route; then laterWarmupSeconds before each run. */
  warmupSeconds: number;
  laterWarmupSeconds: number;
  rounds: number;
  listUserEntries: number;
  reference: ReferenceBuild | null;
  routes: RouteFigure[];
}

const TYPES = ['mood', 'habit', 'activity', 'meal', 'sleep', 'custom'] as const;
const TAGS = ['running', 'good sleep', 'friends', 'work', 'outside', 'yoga', 'late', 'family'];
const NOTES = [
  'Slept well, great run before work.',
  'Long day at the office, tired but calm.',
  'Lunch with friends, felt really good afterwards.',
  'Skipped the gym, back hurts a little.',
  'Evening yoga, very relaxed.',
];
const MONTH_MS = 30 * 86_400_000;

/** A realistic POST /entries body; most fields vary from one request to the next. */
export function entryBody(): Record<string, unknown> {
  const type = TYPES[randomInt(TYPES.length)];
  const tags = [
    ...new Set(Array.from({ length: randomInt(4) }, () => TAGS[randomInt(TAGS.length)])),
  ];
  return {
    occurredAt: new Date(Date.now() - randomInt(MONTH_MS)).toISOString(),
    type,
    mood: 1 + randomInt(10),
    energy: 1 + randomInt(10),
    ...(randomInt(3) === 0 ? {} : { note: NOTES[randomInt(NOTES.length)] }),
    tags,
    ...(type === 'sleep' ? { value: 5 + randomInt(40) / 10, unit: 'h' } : {}),
  };
}

/** Reads first: the writes grow `entries` and `domain_events` under whatever runs after them. */
function routesUnderTest(users: { reader: BenchUser; writer: BenchUser }): RouteUnderTest[] {
  return [
    { method: 'GET', path: '/api/v1/users/profile', user: users.reader, expectStatus: 200 },
    {
      method: 'GET',
      path: `/api/v1/entries?limit=${LIST_PAGE_SIZE}`,
      note: `a user with ${LIST_USER_ENTRIES} entries`,
      user: users.reader,
      expectStatus: 200,
      checkBody: (body) => {
        const { items, meta } = body as { items: unknown[]; meta: { nextCursor: unknown } };
        if (items.length !== LIST_PAGE_SIZE || typeof meta.nextCursor !== 'string') {
          throw new Error(`expected ${LIST_PAGE_SIZE} items and a next cursor`);
        }
      },
    },
    {
      method: 'POST',
      path: '/api/v1/entries',
      note: 'varying bodies',
      user: users.writer,
      makeBody: entryBody,
      expectStatus: 201,
    },
  ];
}

const routeLabel = (route: RouteUnderTest) => `${route.method} ${route.path}`;

/** The keys of a JSON value, nested (an array by its first item), to compare two answers. */
function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length ? shapeOf(value[0]) : ''}]`;
  if (value === null || typeof value !== 'object') return '';
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${key}${shapeOf((value as Record<string, unknown>)[key])}`)}}`;
}

/**
 * Before measuring: every server answers every route as expected, the bare server with the
 * shape of FitAI's answer, and every server refuses a token signed with another key (401).
 */
async function checkServers(servers: Server[], routes: RouteUnderTest[]): Promise<void> {
  for (const route of routes) {
    const shapes = new Map<ServerKey, string>();
    for (const server of servers) {
      const url = `${server.baseUrl}${route.path}`;
      const what = `${routeLabel(route)} on ${server.label}`;
      const { body } = expectStatus(
        await requestJson(route.method, url, {
          token: route.user.accessToken,
          body: route.makeBody?.(),
        }),
        route.expectStatus,
        what,
      );
      route.checkBody?.(body);
      shapes.set(server.key, shapeOf(body));
      const forged = sign({ sub: route.user.id, sid: randomUUID() }, randomBytes(32), {
        algorithm: 'HS256',
        expiresIn: 600,
      });
      expectStatus(
        await requestJson(route.method, url, { token: forged, body: route.makeBody?.() }),
        401,
        `${what}, forged token`,
      );
    }
    if (shapes.get('bare') !== shapes.get('fitai')) {
      throw new Error(
        `${routeLabel(route)}: the bare server's answer has another shape than FitAI's\n` +
          `  FitAI ${shapes.get('fitai')}\n  bare  ${shapes.get('bare')}`,
      );
    }
  }
}

async function startBareServer(
  config: BenchConfig,
  env: Record<string, string>,
): Promise<RunningApi> {
  const port = await freePort();
  const managed = startNode('bare server', join(REPO_ROOT, 'bench', 'bare-server.ts'), {
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: config.databaseUrl,
      DATABASE_POOL_SIZE: String(config.poolSize),
      JWT_ACCESS_SECRET: env.JWT_ACCESS_SECRET,
    },
    cwd: REPO_ROOT,
    nodeArgs: ['-r', require.resolve('ts-node/register')],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilReady(managed, `${baseUrl}/health/ready`);
  return { process: managed, baseUrl };
}

/** Per round, FitAI's figure ÷ the other server's (runs of the same round). */
function ratioTo(fitai: LoadResult[], other: LoadResult[], server: ServerKey): RatioToServer {
  const perRound = (pick: (r: LoadResult) => number) =>
    spreadOf(fitai.map((run, round) => ratio(pick(run), pick(other[round]))));
  return {
    server,
    requestsPerSecond: perRound((r) => r.requestsPerSecond),
    p99: perRound((r) => r.latency.p99),
  };
}

/** One server on one route in one round: its warm-up, then the measured run. */
async function measureRun(
  config: BenchConfig,
  route: RouteUnderTest,
  server: Server,
  round: number,
): Promise<LoadResult> {
  const load = {
    url: `${server.baseUrl}${route.path}`,
    method: route.method,
    headers: { authorization: `Bearer ${route.user.accessToken}` },
    makeBody: route.makeBody,
    connections: config.connections,
    expectStatus: route.expectStatus,
  };
  const warmup = warmupSeconds(config, round);
  if (warmup > 0) await runLoad({ ...load, durationSeconds: warmup });
  const result = await runLoad({ ...load, durationSeconds: config.durationSeconds });
  const what = `${routeLabel(route)} on ${server.label}, round ${round + 1}`;
  // A server that died answers nothing: say so, with its last words, rather than count errors.
  if (!server.process.running) {
    throw new Error(`${what}: ${server.label} exited:\n${server.process.recentOutput()}`);
  }
  assertMostlyOk(result, what);
  return result;
}

async function measureRoute(
  config: BenchConfig,
  servers: Server[],
  route: RouteUnderTest,
): Promise<RouteFigure> {
  const { order, results } = await interleavedRounds(servers, config.rounds, (server, round) =>
    measureRun(config, route, server, round),
  );
  const runsOf = new Map(servers.map((server) => [server.key, results.get(server)!]));
  const fitai = runsOf.get('fitai')!;
  return {
    route: routeLabel(route),
    note: route.note,
    order: order.map((sequence) => sequence.map((server) => server.key)),
    servers: servers.map((server) => {
      const runs = runsOf.get(server.key)!;
      return {
        server: server.key,
        label: server.label,
        runs,
        requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
        p50: median(runs.map((r) => r.latency.p50)),
        p99: median(runs.map((r) => r.latency.p99)),
      };
    }),
    ratios: servers
      .filter((server) => server.key !== 'fitai')
      .map((server) => ratioTo(fitai, runsOf.get(server.key)!, server.key)),
  };
}

/**
 * What a reference build needs of the schema that the current migrations took away:
 * bench/reference-compat/<commit>.sql, when there is one (nullable columns the current API
 * does not use, given back).
 */
function referenceCompatibility(reference: ReferenceBuild): { file: string; sql: string } | null {
  const file = join(REPO_ROOT, 'bench', 'reference-compat', `${reference.commit}.sql`);
  return existsSync(file) ? { file, sql: readFileSync(file, 'utf8') } : null;
}

/**
 * Figure 1: per route, FitAI's API against a bare node:http + pg server doing the same SQL
 * after the same JWT verification (and against a reference build of FitAI when given), in
 * interleaved rounds; ratios are taken within each round, then their median and range.
 */
export async function benchRouteOverhead(
  config: BenchConfig,
  env: Record<string, string>,
  api: RunningApi,
  pool: Pool,
  users: { reader: BenchUser; writer: BenchUser },
  reference: ReferenceBuild | undefined,
  log: (message: string) => void,
): Promise<RouteOverheadFigure> {
  await seedHistory(pool, users.reader.id, LIST_USER_ENTRIES, LIST_HISTORY_DAYS);
  await pool.query('VACUUM (ANALYZE) entries');

  const started: RunningApi[] = [];
  try {
    const bare = await startBareServer(config, env);
    started.push(bare);
    const servers: Server[] = [
      { key: 'fitai', label: 'FitAI API', ...api },
      { key: 'bare', label: 'bare node:http + pg', ...bare },
    ];
    if (reference) {
      const compatibility = referenceCompatibility(reference);
      if (compatibility) {
        log(`adapting the schema for the reference API (${compatibility.file})`);
        await pool.query(compatibility.sql);
      }
      log(`starting the reference API (${reference.commit}, ${reference.dir})`);
      // Same environment, database and Redis prefix as the current API; its own port.
      const referenceApi = await startApi(env, reference.dir, 'reference API');
      started.push(referenceApi);
      servers.push({
        key: 'reference',
        label: `reference API ${reference.commit}`,
        ...referenceApi,
      });
    }
    const routes = routesUnderTest(users);
    await checkServers(servers, routes);

    const figures: RouteFigure[] = [];
    for (const route of routes) {
      log(`figure 1: ${routeLabel(route)}, ${config.rounds} rounds of ${servers.length} servers`);
      figures.push(await measureRoute(config, servers, route));
    }
    return {
      connections: config.connections,
      durationSeconds: config.durationSeconds,
      warmupSeconds: config.warmupSeconds,
      laterWarmupSeconds: warmupSeconds(config, 1),
      rounds: config.rounds,
      listUserEntries: LIST_USER_ENTRIES,
      reference: reference ?? null,
      routes: figures,
    };
  } finally {
    for (const server of started) await server.process.stop();
  }
}
