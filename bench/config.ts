import { resolve } from 'node:path';

/**
 * Every knob of `npm run bench`, from BENCH_* environment variables. Defaults give a full
 * run in about six minutes on a 2-core machine (figure 1 alone about four).
 */
export interface BenchConfig {
  /** Figure 8: synthetic sets scored, their seed, and sequential POSTs timed. */
  formSets: number;
  formSeed: number;
  formHttpSamples: number;
  /** Maintenance connection used to create and drop the bench database. */
  adminUrl: string;
  redisUrl: string;
  /** Unique per run: names the database (fitai_bench_<runId>) and the Redis prefix. */
  runId: string;
  databaseName: string;
  databaseUrl: string;
  queuePrefix: string;
  /** Skip `npm run build` and use dist/ as it is. */
  skipBuild: boolean;
  /** pg pool size of the FitAI API, the worker and the bare server (DATABASE_POOL_SIZE). */
  poolSize: number;
  /** Jobs a worker process runs at once per queue (JOB_CONCURRENCY); FitAI's default if unset. */
  jobConcurrency?: number;
  /**
   * Node.js options for this checkout's API and worker processes, e.g. `--cpu-prof
   * --cpu-prof-dir=/tmp/p` to profile them under the bench's load (NODE_OPTIONS refuses that).
   */
  nodeArgs: string[];
  /** The figures to measure (1-10); 4 brings 3 along, whose users, weeks and worker it uses. */
  figures: number[];

  /**
   * Figure 1: length of one measured run, the warm-up before a server's first run (V8 needs a
   * few s), concurrency, and how many interleaved rounds each server runs per route.
   */
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  rounds: number;
  /** Another FitAI checkout (own node_modules and dist/) measured beside this one in figure 1. */
  referenceDir?: string;

  /** Figure 2: entries of the small and the large user; latency run length and concurrency. */
  smallUserEntries: number;
  largeUserEntries: number;
  historyDays: number;
  latencySeconds: number;
  latencyConnections: number;

  /** Figure 3: users (one week summary each per run) and the worker process counts to try. */
  workerUsers: number;
  workerProcesses: number[];

  /** Figure 4: fresh summaries measured one by one, cached requests, polling interval. */
  freshSamples: number;
  /** Figure 7: plans generated one after the other (each by a different user). */
  planSamples: number;
  cachedRequests: number;
  pollIntervalMs: number;

  /** Figure 6: workouts completed one by one (latency), events per relay run (throughput). */
  eventSamples: number;
  eventBacklog: number;

  /** Figure 7: sets logged (socket latency samples; a fifth as many goals) and idle sockets. */
  realtimeSamples: number;
  idleSockets: number;

  /** Figure 15: recomputations of each user's recommendations measured (after one warm-up). */
  recommendationRounds: number;
  /** Figure 13: monthly reports rendered one after the other (one worker process). */
  reportSamples: number;
  /** Figure 14: the histories exported, in years (one user each). */
  exportYears: number[];
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min} (got ${JSON.stringify(raw)})`);
  }
  return value;
}

function integerList(env: NodeJS.ProcessEnv, name: string, fallback: number[], max = 16): number[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 1 || v > max)) {
    throw new Error(
      `${name} must be a comma-separated list of 1..${max} (got ${JSON.stringify(raw)})`,
    );
  }
  return values;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  return ['1', 'true', 'yes'].includes((env[name] ?? '').trim().toLowerCase());
}

export function databaseUrlFor(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function loadBenchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const adminUrl = env.BENCH_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const runId = `${new Date()
    .toISOString()
    .replace(/[-:T]/g, '')
    .slice(0, 14)}_${process.pid.toString(36)}`;
  const databaseName = `fitai_bench_${runId}`;
  return {
    adminUrl,
    redisUrl: env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
    runId,
    databaseName,
    databaseUrl: databaseUrlFor(adminUrl, databaseName),
    queuePrefix: `fitai-bench-${runId.replace('_', '-')}`,
    skipBuild: flag(env, 'BENCH_SKIP_BUILD'),
    poolSize: integer(env, 'BENCH_POOL_SIZE', 10),
    jobConcurrency: env.BENCH_JOB_CONCURRENCY?.trim()
      ? integer(env, 'BENCH_JOB_CONCURRENCY', 4)
      : undefined,
    nodeArgs: (env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
    figures: integerList(env, 'BENCH_FIGURES', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 16),
    formSets: integer(env, 'BENCH_FORM_SETS', 200),
    formSeed: integer(env, 'BENCH_FORM_SEED', 1),
    formHttpSamples: integer(env, 'BENCH_FORM_HTTP_SAMPLES', 50),
    planSamples: integer(env, 'BENCH_PLAN_SAMPLES', 30),

    durationSeconds: integer(env, 'BENCH_DURATION_SECONDS', 10),
    warmupSeconds: integer(env, 'BENCH_WARMUP_SECONDS', 5, 0),
    connections: integer(env, 'BENCH_CONNECTIONS', 32),
    // A median of one or two rounds is no better than a single run.
    rounds: integer(env, 'BENCH_ROUNDS', 3, 3),
    referenceDir: env.BENCH_REFERENCE_DIR?.trim()
      ? resolve(env.BENCH_REFERENCE_DIR.trim())
      : undefined,

    smallUserEntries: integer(env, 'BENCH_SMALL_USER_ENTRIES', 1_000),
    largeUserEntries: integer(env, 'BENCH_LARGE_USER_ENTRIES', 1_000_000),
    historyDays: integer(env, 'BENCH_HISTORY_DAYS', 3 * 365),
    latencySeconds: integer(env, 'BENCH_LATENCY_SECONDS', 5),
    latencyConnections: integer(env, 'BENCH_LATENCY_CONNECTIONS', 1),

    workerUsers: integer(env, 'BENCH_WORKER_USERS', 200),
    workerProcesses: integerList(env, 'BENCH_WORKER_PROCESSES', [1, 2]),

    freshSamples: integer(env, 'BENCH_FRESH_SAMPLES', 20),
    cachedRequests: integer(env, 'BENCH_CACHED_REQUESTS', 2_000),
    pollIntervalMs: integer(env, 'BENCH_POLL_INTERVAL_MS', 5),

    eventSamples: integer(env, 'BENCH_EVENT_SAMPLES', 100),
    eventBacklog: integer(env, 'BENCH_EVENT_BACKLOG', 5_000),
    realtimeSamples: integer(env, 'BENCH_REALTIME_SAMPLES', 200),
    idleSockets: integer(env, 'BENCH_IDLE_SOCKETS', 3_000),
    recommendationRounds: integer(env, 'BENCH_RECOMMENDATION_ROUNDS', 20),
    reportSamples: integer(env, 'BENCH_REPORT_SAMPLES', 20),
    exportYears: integerList(env, 'BENCH_EXPORT_YEARS', [1, 3, 6, 12], 30),
  };
}
